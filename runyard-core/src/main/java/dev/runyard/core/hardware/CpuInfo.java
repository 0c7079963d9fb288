package dev.runyard.core.hardware;

import java.util.List;

/**
 * The CPU: model name, core counts (0 when unknown) and the instruction-set extensions that matter for inference
 * kernels, normalised to lowercase names ({@code avx2}, {@code avx512}, {@code amx}, {@code neon}, ...).
 */
public record CpuInfo(String model, int physicalCores, int logicalCores, List<String> isa) {
    public static final CpuInfo UNKNOWN = new CpuInfo("unknown", 0, 0, List.of());

    public CpuInfo {
        model = model == null || model.isBlank() ? "unknown" : model.strip();
        if (physicalCores < 0 || logicalCores < 0) {
            throw new IllegalArgumentException("core counts must not be negative");
        }
        isa = List.copyOf(isa);
    }

    public CpuInfo withIsa(List<String> flags) {
        return new CpuInfo(model, physicalCores, logicalCores, flags);
    }
}
