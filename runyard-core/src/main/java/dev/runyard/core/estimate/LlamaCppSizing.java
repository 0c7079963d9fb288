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
    public long headBytes(int layerCount) {
        long[] lw = weights.layerBytes();
        long layers = 0;
        for (int i = 0; i < Math.min(layerCount, lw.length); i++) {
            layers += lw[i];
        }
        return weights.bytes() - weights.embeddingBytes() - layers;
    }
}
