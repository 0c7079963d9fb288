package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineDetector;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.hardware.UnifiedMemory;
import dev.runyard.core.units.ByteSize;
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
 * {@code --gpu} replaces the detected GPUs ({@code none} or {@code --cpu-only} removes them), {@code --gpus} sets how
 * many of that GPU, {@code --vram} the memory of each, {@code --ram} the system RAM. A bare size is GiB (2^30 bytes),
 * as vendors sell memory; {@code 64GB} is 10^9 bytes.
 */
@Command(name = "hardware", description = "Show the detected hardware (GPUs, RAM, CPU), optionally overridden.")
public final class HardwareCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--gpu", paramLabel = "NAME", description = "GPUs to plan for instead of the detected ones, "
            + "e.g. \"RTX 4090\", \"2x RTX 3090\", \"M3 Max 64GB\"; \"none\" for a CPU-only machine.")
    String gpu;

    @Option(names = "--cpu-only", description = "Show this machine as if it had no GPUs (same as --gpu none).")
    boolean cpuOnly;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs (copies of the detected or --gpu GPU).")
    Integer gpus;

    @Option(names = "--ram", paramLabel = "SIZE", converter = GibSize.class,
            description = "System RAM; " + GibSize.HELP + ".")
    Long ramBytes;

    @Option(names = "--vram", paramLabel = "SIZE", converter = GibSize.class,
            description = "Memory of each GPU; a bare number is GiB, like --ram.")
    Long vramBytes;

    @Override
    public Integer call() {
        validate();
        MachineProfile detected = MachineDetector.forThisMachine().detect();
        List<String> overrides = new ArrayList<>();
        MachineProfile m = applyOverrides(detected, overrides);
        PrintWriter out = spec.commandLine().getOut();
        // The CPU side of plans: this machine's CPU with its measured (and kept) RAM bandwidth.
        var host = dev.runyard.app.hardware.HostProbe.thisMachine(detected.cpu(), detected.ramTotalBytes());
        out.print(common.json() ? Json.write(HardwareView.json(m, overrides, host)) + System.lineSeparator()
                : HardwareView.text(m, overrides, host));
        out.flush();
        return 0;
    }

    void validate() {
        if (gpus != null && (gpus < 1 || gpus > 1024)) {
            throw RunyardException.badInput("--gpus must be 1 to 1024, not " + gpus, "e.g. --gpus 2");
        }
        if (cpuOnly && gpu != null && !MachineResolver.isNoGpu(gpu)) {
            throw RunyardException.badInput("--cpu-only contradicts --gpu \"" + gpu + "\"", "drop one of them");
        }
        if ((cpuOnly || MachineResolver.isNoGpu(gpu)) && (gpus != null || vramBytes != null)) {
            throw RunyardException.badInput((gpus != null ? "--gpus" : "--vram") + " contradicts a CPU-only machine",
                    "drop it, or name a GPU with --gpu");
        }
    }

    MachineProfile applyOverrides(MachineProfile detected, List<String> overrides) {
        MachineProfile m = detected;
        if (cpuOnly || MachineResolver.isNoGpu(gpu)) {
            m = m.withGpus(List.of()).withUnified(null);
            overrides.add(cpuOnly ? "--cpu-only" : "--gpu none");
        } else if (gpu != null) {
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
        if (vramBytes != null) {
            if (m.gpus().isEmpty()) {
                throw RunyardException.badInput("--vram needs a GPU, and none was detected", "add --gpu NAME");
            }
            m = m.withGpus(m.gpus().stream().map(g -> g.withMemory(vramBytes, vramBytes)).toList());
            overrides.add("--vram " + ByteSize.of(vramBytes).toBinaryString());
        }
        if (ramBytes != null) {
            m = m.withRam(ramBytes, ramBytes);
            if (m.unified() != null) {
                m = m.withUnified(UnifiedMemory.of(ramBytes, m.unified().wiredLimitBytes() >> 20));
            }
            overrides.add("--ram " + ByteSize.of(ramBytes).toBinaryString());
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
            GpuVendor vendor = a.vendor();
            long memory = p.memoryBytes();
            if (a.unifiedMemory() && vendor == GpuVendor.APPLE) {
                unified = UnifiedMemory.of(p.memoryBytes(), 0);
                ram = p.memoryBytes();
                memory = unified.gpuLimitBytes();
            }
            for (int i = 0; i < p.count(); i++) {
                devices.add(new GpuDevice(devices.size(), vendor.displayName() + " " + a.name(), vendor, a.id(), memory,
                        memory, null, null));
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
}
