package dev.runyard.core.speed;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.quant.GgmlType;
import java.util.Map;

/**
 * What llama.cpp's CPU backend does on the host CPU beyond streaming the weights, measured with a real llama-bench
 * (built from the llama.cpp source node-llama-cpp 3.21.1 ships, commit 80fb11a, OpenMP) on a 2-core AVX-512 VNNI VM:
 * 12 GGUF files of 6 real models (llama, qwen2, qwen3, qwen3moe, gemma3) in Q4_0 / Q8_0 / Q4_K_M, pp512 and tg128
 * at llama-bench's defaults ({@code bench/llamacpp/bench.mjs}, results in
 * {@code bench/llamacpp/results/bench-2026-12-07.jsonl}).
 *
 * <p>Prompt processing: the host's rate ({@code HostCpu.prefillGflops}) is measured on Q4_0, whose matrices llama.cpp
 * repacks into interleaved 8×8 blocks for GEMM kernels (ggml-cpu/repack.cpp, {@code ggml_repack_get_optimal_repack_type}:
 * Q4_0, Q4_K, IQ4_NL and MXFP4 on AVX2 and NEON). Other types go through the row-by-row dot products and run slower.
 * The share of the Q4_0 rate per type, each the pp512 of a file of that type over the same model's Q4_0 pp512: Q4_0
 * 1.00 (the reference); Q4_K 0.71 (Llama-3.2-1B and Qwen3-0.6B Q4_K_M, their Q6_K tensors at Q6_K's share); Q8_0 0.47
 * (4 models, 0.43–0.52); Q5_0 0.43 (Llama-3.2-1B 0.45, Qwen3-4B 0.40); Q6_K 0.34 (0.38, 0.30); Q5_K 0.25 (0.28,
 * 0.22). IQ4_NL and MXFP4 share Q4_0's 8×8 kernel family and are given 1.00, every other type (Q2_K, Q3_K, the other
 * IQ types, Q4_1, Q5_1, 16-bit) {@value #OTHER_SHARE}, between the measured K-quants: assumed, not measured.
 *
 * <p>A MoE's expert matrices ({@code mul_mat_id}) reached 0.36 of the dense rate in pp512 (Qwen3-30B-A3B's real layer
 * shapes, 6 layers, Q4_0: 278 tok/s where the dense rate predicts 595); each of 128 experts sees about 32 of the 512
 * tokens. One model measured.
 *
 * <p>Decode on the host: a token's time is its bytes over the RAM stream, plus the dequantisation work of its weights
 * ({@link #DECODE_WORK}, per type, at the host's prompt rate), plus about {@value #LAYER_MICROS} µs per layer (the
 * graph's small ops and a thread barrier after each). Fitted together (log least squares) on all 24 two-thread tg128
 * rows ({@code bench/llamacpp/results/bench-{,held-out-,types-}2026-12-07.jsonl}): the stream reached 0.84 of the
 * measured copy (kept as {@code HostCpu.COPY_SHARE}), Q4_0, Q4_K and Q6_K 0.82 operations a weight, Q5_0 4.2, Q5_K
 * 2.5, Q8_0 none, 188 µs a layer. In sample the rows' decode error went from median 6.7% / p90 20.5% to 4.4% / 18.1%
 * (nearest rank; the Q6_K pair disagrees); refitted without each of the 8 models in turn, 7.4% / 17.5%. The cores'
 * multiply floor is kept only as a bound (0.35 of the prompt rate, no row reaches it), the 85 µs of the first 12 rows
 * is replaced: Q8_0 files of 1B+ models had decoded 7–18% faster than the old stream allowed, and Q5 files 16–23%
 * slower than their bytes.
 */
final class HostCpuKernels {
    /** Decode's fixed time per layer per token on a host CPU, microseconds. */
    static final double LAYER_MICROS = 188;
    /**
     * Decode's dequantisation work per weight of a type, on top of streaming its bytes, in operations at the host's
     * Q4_0 prompt rate: a token spends {@code weights × work / rate} seconds on them (0.82 is 2.0 ps a weight on the
     * 420 GFLOP/s VM). Measured: Q4_0, Q4_K, Q6_K (one shared figure: Q6_K's two files disagree), Q5_0, Q5_K, Q8_0
     * (none: plain int8 dot products keep up with RAM). 16- and 32-bit weights are taken to need none either; the
     * other quant types (Q2_K, Q3_K, IQ*, Q4_1, Q5_1) are given {@value #OTHER_WORK}, Q5_K's: assumed, not measured.
     */
    static final Map<String, Double> DECODE_WORK = Map.of("Q4_0", 0.82, "Q4_K", 0.82, "Q6_K", 0.82, "IQ4_NL", 0.82,
            "MXFP4", 0.82, "Q5_0", 4.2, "Q5_K", 2.5, "Q8_0", 0.0, "F16", 0.0, "BF16", 0.0);
    static final double OTHER_WORK = 2.5;
    /** Share of the dense prompt rate that a MoE's expert matrices reach on a host CPU. */
    static final double EXPERT_SHARE = 0.36;
    /** Share of the Q4_0 prompt rate per weight type; types not listed run at {@link #OTHER_SHARE}. */
    static final Map<String, Double> PREFILL_SHARE = Map.of("Q4_0", 1.0, "IQ4_NL", 1.0, "MXFP4", 1.0, "Q4_K", 0.71,
            "Q8_0", 0.47, "Q5_0", 0.43, "Q6_K", 0.34, "Q5_K", 0.25);
    static final double OTHER_SHARE = 0.30;

    private HostCpuKernels() {
    }

    /**
     * The prompt rate's share for these weights: the types' shares averaged by the weights each multiplies (harmonic,
     * as time adds up per matrix). The lookup tables (token_embd, per-layer embeddings) and the output matrix do not
     * multiply in pp512; they are taken out of the slow types first, since llama-quantize gives them Q6_K/Q8_0 in
     * files whose matrices are repacked.
     */
    static double prefillShare(WeightsEstimate w) {
        TypeGroup repacked = new TypeGroup();
        TypeGroup rowByRow = new TypeGroup();
        for (Map.Entry<String, Long> e : w.bytesByType().entrySet()) {
            (GgmlType.CPU_REPACKED.contains(e.getKey()) ? repacked : rowByRow).add(e.getKey(), e.getValue());
        }
        double drop = w.lookupBytes() + w.outputBytes();
        double keptRowByRow = rowByRow.keptAfter(drop);
        double keptRepacked = repacked.keptAfter(drop - Math.min(drop, rowByRow.bytes));
        double params = rowByRow.params * keptRowByRow + repacked.params * keptRepacked;
        if (params <= 0) {
            return OTHER_SHARE;
        }
        return params / (repacked.time * keptRepacked + rowByRow.time * keptRowByRow);
    }

    /**
     * Seconds a decoded token spends dequantising beyond its bytes ({@link #DECODE_WORK}), for the {@code activeShare}
     * of the weights a token reads, at a prompt rate of {@code flops} FLOP/s.
     */
    static double decodeWorkSeconds(WeightsEstimate w, double activeShare, double flops) {
        if (flops <= 0) {
            return 0;
        }
        double work = 0;
        for (Map.Entry<String, Long> e : w.bytesByType().entrySet()) {
            if (!e.getKey().equals("F32")) { // norms and biases: a few thousand weights a layer
                work += e.getValue() * 8 / GgmlType.byName(e.getKey()).map(GgmlType::bitsPerWeight).orElse(16.0)
                        * DECODE_WORK.getOrDefault(e.getKey(), OTHER_WORK);
            }
        }
        return work * Math.max(0, Math.min(1, activeShare)) / flops;
    }

    /** Weights of some types: their bytes, their parameters, and the time they take at their shares. */
    private static final class TypeGroup {
        double bytes;
        double params;
        double time;

        void add(String type, long typeBytes) {
            double p = typeBytes * 8 / GgmlType.byName(type).map(GgmlType::bitsPerWeight).orElse(16.0);
            bytes += typeBytes;
            params += p;
            time += p / PREFILL_SHARE.getOrDefault(type, OTHER_SHARE);
        }

        /** Share of the group left once {@code dropped} bytes of it are taken out (bounded by what it holds). */
        double keptAfter(double dropped) {
            return bytes > 0 ? 1 - Math.min(dropped, bytes) / bytes : 0;
        }
    }
}
