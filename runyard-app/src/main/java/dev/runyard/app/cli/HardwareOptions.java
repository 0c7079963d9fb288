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

    @Option(names = "--ram-bandwidth", paramLabel = "GBPS", description = "System RAM bandwidth in GB/s (datasheet "
            + "figure, e.g. 89.6 for dual-channel DDR5-5600) for the CPU's share of a plan; default: measured on "
            + "this machine, else assumed by machine class.")
    Double ramBandwidth;

    @Option(names = "--ram-copy", paramLabel = "GBPS", description = "A RAM copy bandwidth you measured (e.g. "
            + "STREAM Copy, GB/s), counted as this machine's own measurement is; instead of --ram-bandwidth.")
    Double ramCopy;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads llama.cpp runs with (its -t) for the "
            + "CPU's share of a plan; default: this machine's physical cores, else assumed by machine class.")
    Integer threads;

    MachineResolver.Resolved resolve() {
        MachineResolver.Resolved r = MachineResolver.resolve(gpu(), gpus, ramBytes);
        if (ramBandwidth == null && threads == null && ramCopy == null) {
            return r;
        }
        var host = r.machine().host();
        if (ramCopy != null) {
            if (ramBandwidth != null) {
                throw RunyardException.badInput("--ram-copy and --ram-bandwidth both set the RAM bandwidth",
                        "give one of them");
            }
            host = host.withMeasuredCopy(gbps("--ram-copy", ramCopy, "43.5"));
        }
        if (ramBandwidth != null) {
            host = host.withBandwidth(gbps("--ram-bandwidth", ramBandwidth, "89.6"));
        }
        if (threads != null) {
            if (threads < 1 || threads > 1024) {
                throw RunyardException.badInput("--threads must be 1 to 1024, got " + threads, "e.g. --threads 8");
            }
            host = host.withThreads(threads);
        }
        return new MachineResolver.Resolved(r.machine().withHost(host), r.description(), r.warnings());
    }

    /** A bandwidth flag's value, 1 to 100000 GB/s (NaN and infinities refused too). */
    private static double gbps(String flag, double v, String example) {
        if (!(v >= 1 && v <= 100_000)) {
            throw RunyardException.badInput(flag + " must be 1 to 100000 GB/s, got " + v, "e.g. " + flag + " " + example);
        }
        return v;
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
