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
 * <p>Decode: beyond its bytes, a token costs about {@value #LAYER_MICROS} µs per layer on this VM (the graph's small
 * ops and a thread barrier after each of them), and Q5_0 and Q5_K matrices cost dequantisation time on top of their
 * bytes ({@link #DECODE_WORK}). Fitted together (log least squares) on all 24 two-thread tg128 rows
 * ({@code bench/llamacpp/results/bench-{,held-out-,types-}2026-12-07.jsonl}; the bandwidth term and its share left as
 * they were): 115 µs, Q5_0 3.1 and Q5_K 1.2. In sample the rows' error went from median 6.7% / p90 20.5% to 5.0% /
 * 17.9%; refitted without each model in turn (8 models), 7.8% / 18.4%. The Q5 files of Llama-3.2-1B and Qwen3-4B
 * decoded 16–23% slower than their bytes allow, and both now come within 6%. Q6_K is left out: its two files disagree
 * (Llama-3.2-1B 21% faster than predicted, Qwen3-4B 16% slower). The first 12 rows alone gave 85 µs with no type term.
 */
final class HostCpuKernels {
    /** Decode's fixed time per layer per token on a host CPU, microseconds. */
    static final double LAYER_MICROS = 115;
    /**
     * Decode's dequantisation work per weight of a type, on top of streaming its bytes, in operations at the host's
     * Q4_0 prompt rate: a token spends {@code weights × work / rate} seconds on them. Measured for Q5_0 (3.1: 7.4 ps a
     * weight on the 420 GFLOP/s VM) and Q5_K (1.2: 2.9 ps); other types have none (Q4_0, Q4_K and Q8_0 decode at the
     * bandwidth term or the cores' multiply floor; Q6_K's two files disagree; the rest are not measured).
     */
    static final Map<String, Double> DECODE_WORK = Map.of("Q5_0", 3.1, "Q5_K", 1.2);
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
            Double perWeight = DECODE_WORK.get(e.getKey());
            if (perWeight != null) {
                work += e.getValue() * 8 / GgmlType.byName(e.getKey()).map(GgmlType::bitsPerWeight).orElse(16.0)
                        * perWeight;
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
