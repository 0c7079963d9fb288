package dev.runyard.core.hardware;

import java.util.List;

/**
 * One accelerator (GPU, Apple SoC, CPU memory system) from the database, with its source.
 *
 * @param vendor          who made it; {@link GpuVendor#displayName()} is the database's text
 * @param memoryGbOptions memory sizes sold, in GB as the vendor states them (GPU vendors mean GiB-sized parts)
 * @param bandwidthGbs    memory bandwidth, decimal GB/s
 * @param fp16Tflops      dense FP16/BF16 tensor TFLOPS (0 when unknown)
 * @param int8Tops        dense INT8 tensor TOPS (0 when unknown or without int8 tensor cores)
 * @param gpuCores        GPU cores (Apple) or 0 when not stated
 */
public record Accelerator(String id, GpuVendor vendor, String name, List<Double> memoryGbOptions, double bandwidthGbs,
                          double fp16Tflops, boolean fp8, boolean fp4, boolean unifiedMemory, String kind,
                          List<String> aliases, String architecture, String sourceUrl, double int8Tops, int gpuCores) {
    public Accelerator {
        java.util.Objects.requireNonNull(vendor, "vendor");
        memoryGbOptions = List.copyOf(memoryGbOptions);
        aliases = List.copyOf(aliases);
    }

    /** An accelerator without INT8 or core-count figures. */
    public Accelerator(String id, GpuVendor vendor, String name, List<Double> memoryGbOptions, double bandwidthGbs,
                       double fp16Tflops, boolean fp8, boolean fp4, boolean unifiedMemory, String kind,
                       List<String> aliases, String architecture, String sourceUrl) {
        this(id, vendor, name, memoryGbOptions, bandwidthGbs, fp16Tflops, fp8, fp4, unifiedMemory, kind, aliases,
                architecture, sourceUrl, 0, 0);
    }

    /** The default (first listed) memory size in bytes, taking the vendor's "GB" as GiB for discrete GPUs. */
    public long memoryBytes() {
        if (memoryGbOptions.isEmpty()) {
            return 0;
        }
        return (long) (memoryGbOptions.get(0) * (1L << 30));
    }
}
