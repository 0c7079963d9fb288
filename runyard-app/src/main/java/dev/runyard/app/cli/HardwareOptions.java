package dev.runyard.app.cli;

import dev.runyard.app.rank.MachineResolver;
import picocli.CommandLine.Option;

/** --gpu/--gpus/--ram, shared by commands that plan for a machine (mixin); without them the machine is detected. */
public final class HardwareOptions {
    @Option(names = "--gpu", paramLabel = "NAME", description = "GPUs instead of detection, e.g. \"2x RTX 3090\", \"M3 Max 64GB\".")
    String gpu;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs of the --gpu kind.")
    Integer gpus;

    @Option(names = "--ram", paramLabel = "GB", description = "System RAM in GB (default: detected).")
    Double ram;

    MachineResolver.Resolved resolve() {
        return MachineResolver.resolve(gpu, gpus, ram);
    }

    boolean given() {
        return gpu != null || ram != null;
    }
}
