package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.error.RunyardException;
import picocli.CommandLine.Option;

/**
 * --gpu/--gpus/--ram/--cpu-only, shared by commands that plan for a machine (mixin); without them the machine is
 * detected.
 */
public final class HardwareOptions {
    @Option(names = "--gpu", paramLabel = "NAME", description = "GPUs instead of detection, e.g. \"2x RTX 3090\", "
            + "\"M3 Max 64GB\"; \"none\" plans for a CPU-only machine.")
    String gpu;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs of the --gpu kind.")
    Integer gpus;

    @Option(names = "--ram", paramLabel = "SIZE", converter = GibSize.class,
            description = "System RAM (default: detected); " + GibSize.HELP + ".")
    Long ramBytes;

    @Option(names = "--cpu-only", description = "Plan as if this machine had no GPUs (same as --gpu none).")
    boolean cpuOnly;

    MachineResolver.Resolved resolve() {
        return MachineResolver.resolve(gpu(), gpus, ramBytes);
    }

    boolean given() {
        return gpu != null || ramBytes != null || cpuOnly;
    }

    /** --cpu-only is --gpu none; with a real --gpu it contradicts itself. */
    private String gpu() {
        if (cpuOnly && gpu != null && !MachineResolver.isNoGpu(gpu)) {
            throw RunyardException.badInput("--cpu-only contradicts --gpu \"" + gpu + "\"", "drop one of them");
        }
        return cpuOnly ? MachineResolver.NO_GPU : gpu;
    }
}
