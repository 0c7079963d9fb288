package dev.runyard.core.speed;

import java.time.LocalDate;

/**
 * Which generation of llama.cpp's kernels a build has, where that changes how fast it runs. Two changes matter to the
 * speed model, both in the CUDA backend:
 * <ul>
 *   <li>{@link #ROW_SPLIT}: before PR #4606 (merged 2024-01-13, https://github.com/ggml-org/llama.cpp/pull/4606)
 *       several GPUs split every matrix by rows (today's {@code -sm row}) and synchronised after each one; since then
 *       the default is a layer split.</li>
 *   <li>{@link #FP16_GEMM}: before PR #8075 (merged 2024-06-24, https://github.com/ggml-org/llama.cpp/pull/8075)
 *       quantized prompt processing dequantized weights to FP16 and ran cuBLAS; since then MMQ kernels multiply the
 *       quantized blocks on the INT8 tensor cores (Turing and newer).</li>
 *   <li>{@link #CURRENT}: builds after both. Every plan Runyard makes for a user is for a current build.</li>
 * </ul>
 */
public enum KernelEra {
    ROW_SPLIT,
    FP16_GEMM,
    CURRENT;

    static final LocalDate LAYER_SPLIT_DEFAULT = LocalDate.of(2024, 1, 13);
    static final LocalDate MMQ_DEFAULT = LocalDate.of(2024, 6, 24);

    /** The era of a build made on {@code date}; null (unknown) is taken as current. */
    public static KernelEra of(LocalDate date) {
        if (date == null) {
            return CURRENT;
        }
        return date.isBefore(LAYER_SPLIT_DEFAULT) ? ROW_SPLIT : date.isBefore(MMQ_DEFAULT) ? FP16_GEMM : CURRENT;
    }

    /** Whether quantized prefill on CUDA runs on INT8 tensor cores (MMQ) rather than dequantized FP16 GEMMs. */
    public boolean mmq() {
        return this == CURRENT;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
