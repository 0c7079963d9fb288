package dev.runyard.core.plan;

import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.hardware.GpuVendor;
import java.util.List;

/**
 * The memory a plan may use: GPUs (identical or mixed, free bytes each), system RAM, and whether GPU and CPU share
 * one unified memory (Apple), in which case the GPU may use up to {@code gpuWorkingSetFraction} of RAM.
 *
 * @param safetyMarginBytes kept free on every GPU (fragmentation, other processes), stated in every plan
 */
public record Machine(List<Gpu> gpus, long ramBytes, boolean unifiedMemory, double gpuWorkingSetFraction,
                      long safetyMarginBytes, Backend backend, HostCpu host) {
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
        if (host == null) {
            host = defaultHost(gpus);
        }
    }

    /** A machine whose CPU is assumed from its class (see {@link #defaultHost}). */
    public Machine(List<Gpu> gpus, long ramBytes, boolean unifiedMemory, double gpuWorkingSetFraction,
                   long safetyMarginBytes, Backend backend) {
        this(gpus, ramBytes, unifiedMemory, gpuWorkingSetFraction, safetyMarginBytes, backend, null);
    }

    /**
     * The CPU a machine of this class usually has: a server socket beside data-centre GPUs (40 GiB or more, not
     * unified), a desktop otherwise.
     */
    static HostCpu defaultHost(List<Gpu> gpus) {
        boolean datacentre = !gpus.isEmpty() && !gpus.get(0).accelerator().unifiedMemory()
                && gpus.get(0).memoryBytes() >= (40L << 30);
        return datacentre ? HostCpu.server() : HostCpu.desktop();
    }

    /** The same machine with another host CPU (measured, or a bandwidth the user gave). */
    public Machine withHost(HostCpu h) {
        return new Machine(gpus, ramBytes, unifiedMemory, gpuWorkingSetFraction, safetyMarginBytes, backend, h);
    }

    public boolean hasGpu() {
        return !gpus.isEmpty();
    }

    public boolean identicalGpus() {
        // Asked on every plan while ranking: a loop, not a stream of strings.
        for (Gpu g : gpus) {
            if (!g.accelerator().id().equals(gpus.get(0).accelerator().id())
                    || g.memoryBytes() != gpus.get(0).memoryBytes()) {
                return false;
            }
        }
        return true;
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

    /**
     * System RAM bandwidth in datasheet-equivalent GB/s for weights and cache held in RAM: on unified memory the
     * GPU's; otherwise the host's, measured or assumed by class ({@link HostCpu#source()} says which), stated in
     * every speed basis.
     */
    public double ramBandwidthGbs() {
        if (unifiedMemory && hasGpu()) {
            return gpus.get(0).accelerator().bandwidthGbs();
        }
        return host.ramBandwidthGbs();
    }

    /**
     * The CPU and its RAM as the device a CPU-only run decodes on: bandwidth from the host, and as "FP16 TFLOPS"
     * the host's effective prompt-processing rate (the speed model applies no further efficiency to a host CPU).
     */
    public Accelerator cpuDevice() {
        return new Accelerator("cpu", GpuVendor.OTHER, String.format(java.util.Locale.ROOT, "CPU (%d threads, RAM %.1f"
                + " GB/s; %s)", host.threads(), ramBandwidthGbs(), host.source()), List.of(ramBytes / (double) (1L << 30)),
                ramBandwidthGbs(), host.prefillGflops() / 1000, false, false, false, "cpu", List.of(), "", "");
    }

    /** A machine with no GPU and {@code ramBytes} of RAM. */
    public static Machine cpuOnly(long ramBytes) {
        return new Machine(List.of(), ramBytes, false, APPLE_DEFAULT_WORKING_SET, 0, Backend.CPU);
    }

    /** System RAM a plan may use for offloaded weights; on unified memory what the GPU does not take. */
    public long usableRamBytes() {
        long ram = (long) (ramBytes * 0.9);
        return unifiedMemory ? Math.max(0, ram - usableGpuBytesTotal()) : ram;
    }
}
