package dev.runyard.core.estimate;

import java.util.List;

/**
 * What a llama.cpp (or Ollama) run needs before it is laid out on devices: the weights, the KV cache per layer, one
 * compute buffer, the runtime's reserve per GPU and the host logits buffer. {@link LlamaCppLayout} places these on
 * GPUs and system RAM; every memory figure Runyard shows for llama.cpp comes from that one layout.
 *
 * @param reserve    per-GPU memory the runtime takes (CUDA context, Ollama's minimum free), 0 on CPU and Metal
 * @param tiedOutput whether token_embd doubles as the output layer (llama.cpp then copies it to the output's GPU)
 * @param mmproj     bytes of the multimodal projector when loaded (F16 mmproj file), else 0
 */
public record LlamaCppSizing(EstimateRequest request, WeightsEstimate weights, KvCacheEstimate kv,
                             LlamaCppCompute.ComputeEstimate compute, long reserve, long outputBuffer,
                             boolean tiedOutput, long mmproj, long params, long activeParams, List<String> warnings) {
    public LlamaCppSizing {
        warnings = List.copyOf(warnings);
    }

    /** Weight bytes outside the repeating layers that sit with the output layer (output, its norm, NextN blocks). */
    /**
     * Bytes llama.cpp's CPU backend copies into its repack buffer ({@code CPU_REPACK}) when the weights run on the CPU:
     * every matrix of a type it interleaves for SIMD dot products (Q4_0, Q4_K, IQ4_NL, MXFP4 on AVX2/AVX-512 and NEON
     * with dot products: ggml-cpu/repack.cpp, {@code ggml_repack_get_optimal_repack_type}; expert stacks too, through
     * {@code mul_mat_id}), except token_embd, which only feeds row lookups. Measured: Llama-3.2-1B Q4_K_M repacks exactly
     * its 467,140,608 Q4_K bytes; Q8_0 is not repacked (bench/llamacpp, node-llama-cpp 3.21.1).
     *
     * <p>llama.cpp reports this buffer beside the mapped file (CPU_Mapped + CPU_REPACK), but the copy takes over the
     * repacked tensors' pages: with mmap they are read once and left as reclaimable page cache, without mmap they are
     * read straight into the repack buffer. So these bytes are shown (the weights part's {@code cpu_repack_bytes}) and
     * not added to what must stay resident; adding them told a 32 GB machine that Qwen3-30B-A3B Q4_K_M (18.6 GB) cannot
     * run on its CPU. MXFP4 expert stacks are repacked too (llama-quant.cpp gives MXFP4 only to expert stacks, never to
     * token_embd). Not modelled, as they depend on the CPU: Q2_K is repacked on AVX-512 only, and Q5_K, Q6_K and Q8_0
     * on Arm with dot products.
     */
    public long cpuRepackBytes() {
        // MXFP4 is only ever given to expert stacks, so none of it is a lookup table: counted apart, at the end.
        long mxfp4 = weights.bytesByType().getOrDefault("MXFP4", 0L);
        long b = 0;
        for (String t : REPACKED) {
            if (!t.equals("MXFP4")) {
                b += weights.bytesByType().getOrDefault(t, 0L);
            }
        }
        // An untied model's token_embd has the file's base type (Q4_0 in a Q4_0 file); a tied one is promoted to Q6_K/Q8_0.
        // The per-layer embedding table (Gemma 3n/4) only feeds row lookups too: never repacked.
        if (REPACKED.contains(weights.hostInputType())) {
            b -= weights.hostInputBytes();
        }
        return Math.max(0, tiedOutput ? b : b - weights.embeddingBytes()) + mxfp4;
    }

    /** GGML types the CPU backend repacks. */
    static final java.util.List<String> REPACKED = dev.runyard.core.quant.GgmlType.CPU_REPACKED;

    public long headBytes(int layerCount) {
        long[] lw = weights.layerBytes();
        long layers = 0;
        for (int i = 0; i < Math.min(layerCount, lw.length); i++) {
            layers += lw[i];
        }
        return weights.bytes() - weights.lookupBytes() - layers;
    }
}
