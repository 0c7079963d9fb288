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

}
