package dev.runyard.core.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A machine as Runyard plans for it: its GPUs, what else holds GPU memory, system RAM, the CPU, the OS and, on Apple
 * silicon, the unified-memory limits. Detection never fails: what could not be probed becomes a warning, and a
 * machine without a GPU has an empty {@code gpus} list.
 *
 * @param unified    Apple unified memory with its GPU working-set limit, or null on machines with separate VRAM
 * @param ramAvailableBytes RAM the OS could give out now (MemAvailable on Linux)
 */
public record MachineProfile(List<GpuDevice> gpus, List<GpuProcess> otherGpuProcesses, long ramTotalBytes,
                             long ramAvailableBytes, CpuInfo cpu, String os, UnifiedMemory unified,
                             List<String> warnings) {
    public MachineProfile {
        gpus = List.copyOf(gpus);
        otherGpuProcesses = List.copyOf(otherGpuProcesses);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(cpu, "cpu");
        os = os == null || os.isBlank() ? "unknown" : os;
        if (ramTotalBytes < 0 || ramAvailableBytes < 0) {
            throw new IllegalArgumentException("RAM must not be negative");
        }
        ramAvailableBytes = Math.min(ramAvailableBytes, ramTotalBytes);
    }

    /** True on Apple silicon (and other machines whose GPU shares system RAM). */
    public boolean unifiedMemory() {
        return unified != null;
    }

    public boolean cpuOnly() {
        return gpus.isEmpty();
    }

    public long gpuMemoryTotalBytes() {
        return gpus.stream().mapToLong(GpuDevice::memoryTotalBytes).sum();
    }

    public MachineProfile withGpus(List<GpuDevice> newGpus) {
        return new MachineProfile(newGpus, otherGpuProcesses, ramTotalBytes, ramAvailableBytes, cpu, os, unified,
                warnings);
    }

    public MachineProfile withRam(long totalBytes, long availableBytes) {
        return new MachineProfile(gpus, otherGpuProcesses, totalBytes, availableBytes, cpu, os, unified, warnings);
    }

    public MachineProfile withUnified(UnifiedMemory u) {
        return new MachineProfile(gpus, otherGpuProcesses, ramTotalBytes, ramAvailableBytes, cpu, os, u, warnings);
    }

    public MachineProfile withWarning(String warning) {
        List<String> w = new ArrayList<>(warnings);
        w.add(warning);
        return new MachineProfile(gpus, otherGpuProcesses, ramTotalBytes, ramAvailableBytes, cpu, os, unified, w);
    }
}
