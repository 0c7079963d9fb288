package dev.runyard.app.hardware;

import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.MachineProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The short view of this machine that {@code runyard fit} uses, built on {@link MachineDetector}. Never throws: a
 * failed probe becomes a warning and the profile says CPU only.
 */
public final class MachineProbe {
    /** One detected GPU. */
    public record Gpu(String name, long totalBytes, long freeBytes) {
    }

    /** What was found, with what could not be probed. */
    public record Profile(long ramTotalBytes, String os, int cpuCores, List<Gpu> gpus, List<String> warnings) {
    }

    private MachineProbe() {
    }

    public static Profile probe() {
        return of(MachineDetector.forThisMachine().detect());
    }

    /** The short view of a full profile. */
    public static Profile of(MachineProfile m) {
        List<Gpu> gpus = new ArrayList<>();
        for (GpuDevice g : m.gpus()) {
            gpus.add(new Gpu(g.name(), g.memoryTotalBytes(), g.memoryFreeBytes()));
        }
        return new Profile(m.ramTotalBytes(), m.os(), m.cpu().logicalCores(), gpus, m.warnings());
    }

    /**
     * Parses {@code name, memory.total [MiB], memory.free [MiB]} lines (the first probe's query); malformed lines
     * become warnings. New code uses {@link dev.runyard.core.hardware.GpuProbeParsers#parseNvidiaSmi}.
     */
    public static List<Gpu> parseNvidiaSmi(List<String> lines, List<String> warnings) {
        List<Gpu> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length < 3) {
                if (!line.isBlank()) {
                    warnings.add("unreadable nvidia-smi line: " + line.strip());
                }
                continue;
            }
            try {
                long total = Long.parseLong(f[f.length - 2].trim()) << 20;
                long free = Long.parseLong(f[f.length - 1].trim()) << 20;
                String name = String.join(",", Arrays.copyOf(f, f.length - 2)).trim();
                out.add(new Gpu(name, total, free));
            } catch (NumberFormatException e) {
                warnings.add("unreadable nvidia-smi line: " + line.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
