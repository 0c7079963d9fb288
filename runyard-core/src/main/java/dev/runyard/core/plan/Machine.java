package dev.runyard.core.plan;

import dev.runyard.core.hardware.Accelerator;
import java.util.List;

/**
 * The memory a plan may use: GPUs (identical or mixed, free bytes each), system RAM, and whether GPU and CPU share
 * one unified memory (Apple), in which case the GPU may use up to {@code gpuWorkingSetFraction} of RAM.
 *
 * @param safetyMarginBytes kept free on every GPU (fragmentation, other processes), stated in every plan
 */
public record Machine(List<Gpu> gpus, long ramBytes, boolean unifiedMemory, double gpuWorkingSetFraction,
                      long safetyMarginBytes, String backend) {
    /** Apple lets the GPU wire about 75% of RAM by default (iogpu.wired_limit_mb raises it). */
    public static final double APPLE_DEFAULT_WORKING_SET = 0.75;
    /** Default margin per GPU: 5% of its memory, at least 256 MiB. */
    public static long defaultMargin(long gpuBytes) {
        return Math.max(256L << 20, gpuBytes / 20);
    }

    /** One GPU: its accelerator (for speed) and the memory a plan may use. */
    public record Gpu(Accelerator accelerator, long memoryBytes) {
    }

    public Machine {
        gpus = List.copyOf(gpus);
    }

    public boolean hasGpu() {
        return !gpus.isEmpty();
    }

    public boolean identicalGpus() {
        return gpus.stream().map(g -> g.accelerator().id() + ":" + g.memoryBytes()).distinct().count() <= 1;
    }

    /** Usable bytes on GPU {@code i} after the safety margin (and the working-set limit on unified memory). */
    public long usableGpuBytes(int i) {
        long mem = gpus.get(i).memoryBytes();
        if (unifiedMemory) {
            mem = Math.min(mem, (long) (ramBytes * gpuWorkingSetFraction));
        }
        return Math.max(0, mem - safetyMarginBytes);
    }

    public long usableGpuBytesTotal() {
        long t = 0;
        for (int i = 0; i < gpus.size(); i++) {
            t += usableGpuBytes(i);
        }
        return t;
    }

    /** System RAM a plan may use for offloaded weights; on unified memory what the GPU does not take. */
    public long usableRamBytes() {
        long ram = (long) (ramBytes * 0.9);
        return unifiedMemory ? Math.max(0, ram - usableGpuBytesTotal()) : ram;
    }
}
