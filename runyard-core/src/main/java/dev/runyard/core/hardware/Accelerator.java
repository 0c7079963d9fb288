package dev.runyard.core.hardware;

import java.util.List;

/**
 * One accelerator (GPU, Apple SoC, CPU memory system) from the database, with its source.
 *
 * @param vendor          who made it; {@link GpuVendor#displayName()} is the database's text
 * @param memoryGbOptions memory sizes sold, in GB as the vendor states them (GPU vendors mean GiB-sized parts)
 * @param bandwidthGbs    memory bandwidth, decimal GB/s
 * @param fp16Tflops      dense FP16/BF16 tensor TFLOPS (0 when unknown)
 */
public record Accelerator(String id, GpuVendor vendor, String name, List<Double> memoryGbOptions, double bandwidthGbs,
                          double fp16Tflops, boolean fp8, boolean fp4, boolean unifiedMemory, String kind,
                          List<String> aliases, String architecture, String sourceUrl) {
    public Accelerator {
        java.util.Objects.requireNonNull(vendor, "vendor");
        memoryGbOptions = List.copyOf(memoryGbOptions);
        aliases = List.copyOf(aliases);
    }

    /** The default (first listed) memory size in bytes, taking the vendor's "GB" as GiB for discrete GPUs. */
    public long memoryBytes() {
        if (memoryGbOptions.isEmpty()) {
            return 0;
        }
        return (long) (memoryGbOptions.get(0) * (1L << 30));
    }
}
