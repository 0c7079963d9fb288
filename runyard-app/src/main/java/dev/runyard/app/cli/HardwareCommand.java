package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineDetector;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.hardware.UnifiedMemory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runyard hardware}: the detected machine, optionally changed on the command line to plan for another one.
 * {@code --gpu} replaces the detected GPUs, {@code --gpus} sets how many of that GPU, {@code --vram} the memory of
 * each, {@code --ram} the system RAM. Sizes are in GB as vendors sell them (GiB, 2^30 bytes).
 */
@Command(name = "hardware", description = "Show the detected hardware (GPUs, RAM, CPU), optionally overridden.")
public final class HardwareCommand implements Callable<Integer> {
    /** Larger than any machine sold: 64 TiB of RAM or VRAM. */
    static final double MAX_GB = 65536;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--gpu", paramLabel = "NAME", description = "GPUs to plan for instead of the detected ones, "
            + "e.g. \"RTX 4090\", \"2x RTX 3090\", \"M3 Max 64GB\".")
    String gpu;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs (copies of the detected or --gpu GPU).")
    Integer gpus;

    @Option(names = "--ram", paramLabel = "GB", description = "System RAM in GB (GiB).")
    Double ramGb;

    @Option(names = "--vram", paramLabel = "GB", description = "Memory of each GPU in GB (GiB).")
    Double vramGb;

    @Override
    public Integer call() {
        validate();
        MachineProfile detected = MachineDetector.forThisMachine().detect();
        List<String> overrides = new ArrayList<>();
        MachineProfile m = applyOverrides(detected, overrides);
        PrintWriter out = spec.commandLine().getOut();
        out.print(common.json() ? Json.write(HardwareView.json(m, overrides)) + System.lineSeparator()
                : HardwareView.text(m, overrides));
        out.flush();
        return 0;
    }

    void validate() {
        if (gpus != null && (gpus < 1 || gpus > 1024)) {
            throw RunyardException.badInput("--gpus must be 1 to 1024, not " + gpus, "e.g. --gpus 2");
        }
        checkSize("--ram", ramGb);
        checkSize("--vram", vramGb);
    }

    private static void checkSize(String option, Double gb) {
        if (gb != null && (gb.isNaN() || gb <= 0 || gb > MAX_GB)) {
            throw RunyardException.badInput(option + " must be more than 0 and at most 65536 GB, not " + gb,
                    "e.g. " + option + " 64");
        }
    }

    MachineProfile applyOverrides(MachineProfile detected, List<String> overrides) {
        MachineProfile m = detected;
        if (gpu != null) {
            m = withSpec(m, HardwareSpec.parse(gpu, AcceleratorDatabase.bundled()));
            overrides.add("--gpu " + gpu);
        }
        if (gpus != null) {
            if (m.gpus().isEmpty()) {
                throw RunyardException.badInput("--gpus needs a GPU, and none was detected", "add --gpu NAME");
            }
            if (m.gpus().stream().map(GpuDevice::name).distinct().count() > 1) {
                throw RunyardException.badInput("--gpus applies to one GPU model, this machine has several",
                        "describe them with --gpu, e.g. --gpu \"RTX 4090 + RTX 3090\"");
            }
            List<GpuDevice> copies = new ArrayList<>();
            for (int i = 0; i < gpus; i++) {
                copies.add(m.gpus().get(0).withIndex(i));
            }
            m = m.withGpus(copies);
            overrides.add("--gpus " + gpus);
        }
        if (vramGb != null) {
            if (m.gpus().isEmpty()) {
                throw RunyardException.badInput("--vram needs a GPU, and none was detected", "add --gpu NAME");
            }
            long bytes = gib(vramGb);
            m = m.withGpus(m.gpus().stream().map(g -> g.withMemory(bytes, bytes)).toList());
            overrides.add("--vram " + vramGb);
        }
        if (ramGb != null) {
            long bytes = gib(ramGb);
            m = m.withRam(bytes, bytes);
            if (m.unified() != null) {
                m = m.withUnified(UnifiedMemory.of(bytes, m.unified().wiredLimitBytes() >> 20));
            }
            overrides.add("--ram " + ramGb);
        }
        return m;
    }

    /** The described GPUs replace the detected ones; an Apple SoC brings its unified RAM along. */
    private static MachineProfile withSpec(MachineProfile m, HardwareSpec spec) {
        List<GpuDevice> devices = new ArrayList<>();
        UnifiedMemory unified = null;
        long ram = m.ramTotalBytes();
        for (HardwareSpec.Part p : spec.parts()) {
            Accelerator a = p.accelerator();
            GpuVendor vendor = GpuVendor.of(a.vendor());
            long memory = p.memoryBytes();
            if (a.unifiedMemory() && vendor == GpuVendor.APPLE) {
                unified = UnifiedMemory.of(p.memoryBytes(), 0);
                ram = p.memoryBytes();
                memory = unified.gpuLimitBytes();
            }
            for (int i = 0; i < p.count(); i++) {
                devices.add(new GpuDevice(devices.size(), a.vendor() + " " + a.name(), vendor, a.id(), memory, memory,
                        null, null));
            }
        }
        MachineProfile out = m.withGpus(devices).withUnified(unified);
        if (ram != m.ramTotalBytes()) {
            out = out.withRam(ram, ram);
        }
        for (String w : spec.warnings()) {
            out = out.withWarning(w);
        }
        return out;
    }

    private static long gib(double gb) {
        return Math.round(gb * (1L << 30));
    }
}
