package dev.runyard.core.plan;

/** Where a model runs on a machine. */
public enum FitLevel {
    /** Everything (weights, KV cache, buffers) in GPU memory. */
    FULL_GPU,
    /** Some weights (whole layers, or MoE experts) in system RAM, the rest on the GPUs. */
    PARTIAL_OFFLOAD,
    /** No GPU: weights and cache in system RAM. */
    CPU_ONLY,
    /** Does not fit in GPU memory plus system RAM. */
    DOES_NOT_FIT;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
