package dev.runyard.app.hardware;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuProcess;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.units.ByteSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the {@link Machine} a plan uses from flags (--gpu, --gpus, --ram) or, without them, from detection.
 * {@code --gpu none} means a CPU-only machine: no GPUs, RAM as given or detected.
 */
public final class MachineResolver {
    /** The --gpu value (and web {@code gpu} parameter) for a machine without GPUs. */
    public static final String NO_GPU = "none";
    /** Larger than any machine sold: 64 TiB of RAM. */
    public static final long MAX_RAM_BYTES = 65536 * ByteSize.GIB;

    private MachineResolver() {
    }

    /** True for {@code none} in any case: plan without GPUs. */
    public static boolean isNoGpu(String gpu) {
        return gpu != null && gpu.strip().toLowerCase(Locale.ROOT).equals(NO_GPU);
    }

    /** The machine and what was assumed about it. */
    public record Resolved(Machine machine, String description, List<String> warnings) {
    }

    /**
     * The machine for {@code gpu} ("2x RTX 3090", "none", or null to detect), {@code gpus} copies of it and
     * {@code ramBytes} of system RAM (null: detected, or assumed from the GPUs).
     */
    public static Resolved resolve(String gpu, Integer gpus, Long ramBytes) {
        if (ramBytes != null && !(ramBytes > 0 && ramBytes <= MAX_RAM_BYTES)) {
            throw RunyardException.badInput("--ram must be more than 0 and at most 64 TiB, got " + ramBytes + " bytes",
                    "e.g. --ram 64");
        }
        if (gpus != null && (gpus <= 0 || gpus > 1024)) {
            throw RunyardException.badInput("--gpus must be 1 to 1024, got " + gpus, "e.g. --gpus 2");
        }
        if (isNoGpu(gpu)) {
            if (gpus != null) {
                throw RunyardException.badInput("--gpus " + gpus + " contradicts --gpu none (CPU only)",
                        "drop --gpus, or name a GPU");
            }
            return cpuOnly(ramBytes);
        }
        List<String> warnings = new ArrayList<>();
        if (gpu != null) {
            HardwareSpec spec = HardwareSpec.parse(gpu, AcceleratorDatabase.bundled());
            warnings.addAll(spec.warnings());
            List<Machine.Gpu> list = new ArrayList<>();
            for (HardwareSpec.Part p : spec.parts()) {
                int count = spec.parts().size() == 1 && gpus != null ? gpus : p.count();
                for (int i = 0; i < count; i++) {
                    list.add(new Machine.Gpu(p.accelerator(), p.memoryBytes()));
                }
            }
            Accelerator first = list.get(0).accelerator();
            boolean apple = first.vendor() == GpuVendor.APPLE || first.unifiedMemory();
            long ram = ramBytes != null ? ramBytes : apple ? list.get(0).memoryBytes()
                    : Math.max(32L << 30, 2 * spec.totalMemoryBytes());
            if (apple && ramBytes != null && Math.abs(ramBytes - list.get(0).memoryBytes()) > list.get(0).memoryBytes() / 20) {
                // On a Mac the GPU's memory is the system RAM: two different sizes cannot both be right.
                warnings.add(first.name() + " has " + gib(list.get(0).memoryBytes()) + " of unified memory, which is also"
                        + " its system RAM; the RAM given (" + gib(ramBytes) + ") contradicts it: check the memory size");
            }
            if (ramBytes == null && !apple) {
                warnings.add("system RAM not given: assuming " + (ram >> 30) + " GiB (add --ram)");
            }
            Backend backend = apple ? Backend.METAL : first.vendor() == GpuVendor.AMD ? Backend.ROCM
                    : first.vendor() == GpuVendor.INTEL ? Backend.SYCL : Backend.CUDA;
            long margin = Machine.defaultMargin(list.get(0).memoryBytes());
            Machine m = new Machine(list, ram, apple, Machine.APPLE_DEFAULT_WORKING_SET, margin, backend);
            return new Resolved(m, describeGpus(list), warnings);
        }
        MachineProfile p = MachineDetector.forThisMachine().detect();
        warnings.addAll(p.warnings());
        long ram = ramBytes != null ? ramBytes : p.ramTotalBytes();
        List<Machine.Gpu> list = new ArrayList<>();
        for (GpuDevice g : p.gpus()) {
            Accelerator a = (g.acceleratorId() == null ? java.util.Optional.<Accelerator>empty()
                    : AcceleratorDatabase.bundled().all().stream().filter(x -> x.id().equals(g.acceleratorId())).findFirst())
                    .or(() -> AcceleratorDatabase.bundled().find(g.name())).orElseGet(() -> {
                        warnings.add("GPU \"" + g.name() + "\" is not in the database: speed assumes 300 GB/s");
                        return new Accelerator("unknown", GpuVendor.OTHER, g.name(),
                                List.of(g.memoryTotalBytes() / (double) (1L << 30)),
                                300, 0, false, false, false, "gpu", List.of(), "", "");
                    });
            // Plan with free memory: what the desktop and other programs hold is not ours.
            long free = g.memoryFreeBytes() > 0 ? g.memoryFreeBytes() : g.memoryTotalBytes();
            if (g.memoryTotalBytes() - free > (256L << 20)) {
                warnings.add(g.name() + ": " + ((g.memoryTotalBytes() - free) >> 20) + " MiB already in use"
                        + describe(p.otherGpuProcesses()) + "; planning with the " + (free >> 20) + " MiB free");
            }
            list.add(new Machine.Gpu(a, free));
        }
        boolean unified = p.unified() != null && !list.isEmpty();
        long margin = list.isEmpty() ? 0 : Machine.defaultMargin(list.get(0).memoryBytes());
        Backend backend = list.isEmpty() ? Backend.CPU : unified ? Backend.METAL : p.gpus().get(0).backend() == null
                ? Backend.CUDA : p.gpus().get(0).backend();
        double workingSet = Machine.APPLE_DEFAULT_WORKING_SET;
        if (unified && p.unified().ramBytes() > 0) {
            // The GPU's share of unified memory: iogpu.wired_limit_mb when set, else macOS's default limit.
            long limit = p.unified().wiredLimitBytes() > 0 ? p.unified().wiredLimitBytes() : p.unified().defaultLimitBytes();
            workingSet = limit > 0 ? (double) limit / p.unified().ramBytes() : workingSet;
        }
        // This machine's own CPU: its threads and SIMD level, and RAM bandwidth measured on it (unified memory reads
        // at the GPU's bandwidth instead).
        Machine m = new Machine(list, ram, unified, workingSet, margin, backend,
                unified ? null : HostProbe.thisMachine(p.cpu(), ram));
        String desc = list.isEmpty() ? "this machine (CPU only, " + gib(ram) + " RAM)"
                : "this machine (" + describeGpus(list) + ")";
        return new Resolved(m, desc, warnings);
    }

    /** No GPUs and the backend "cpu": what a plan would be on a machine without (usable) GPUs. */
    private static Resolved cpuOnly(Long ramBytes) {
        List<String> warnings = new ArrayList<>();
        long ram;
        dev.runyard.core.plan.HostCpu host = null;
        if (ramBytes != null) {
            ram = ramBytes; // a machine described on the command line: its CPU is assumed, not this one's
        } else {
            MachineProfile p = MachineDetector.forThisMachine().detect();
            ram = p.ramTotalBytes();
            host = HostProbe.thisMachine(p.cpu(), ram);
            // Only the RAM is used: warnings about the GPUs being left out would only confuse.
            p.warnings().stream().filter(w -> w.toLowerCase(Locale.ROOT).contains("ram")).forEach(warnings::add);
        }
        Machine m = new Machine(List.of(), ram, false, Machine.APPLE_DEFAULT_WORKING_SET, 0, Backend.CPU, host);
        return new Resolved(m, "CPU only, " + gib(ram) + " RAM", warnings);
    }

    /** "2x GeForce RTX 4090", or "1x GeForce RTX 4090 + 1x GeForce RTX 3060" for mixed GPUs. */
    static String describeGpus(List<Machine.Gpu> gpus) {
        java.util.LinkedHashMap<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Machine.Gpu g : gpus) {
            // a card sold in several sizes (every Mac) is named with its size: 36 GB and 128 GB are different machines
            boolean sized = g.accelerator().memoryGbOptions().size() > 1 && !g.accelerator().name().matches(".*\\d\\s*GB.*");
            counts.merge(g.accelerator().name() + (sized ? " " + gib(g.memoryBytes()) : ""), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((name, n) -> parts.add(n + "x " + name));
        return String.join(" + ", parts);
    }

    /** "64 GiB", or "59.6 GiB" when not whole. */
    static String gib(long bytes) {
        double g = bytes / (double) ByteSize.GIB;
        return g == Math.rint(g) ? (long) g + " GiB" : String.format(Locale.ROOT, "%.1f GiB", g);
    }

    private static String describe(List<GpuProcess> procs) {
        if (procs.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (");
        for (int i = 0; i < Math.min(3, procs.size()); i++) {
            GpuProcess g = procs.get(i);
            sb.append(i > 0 ? ", " : "").append(g.name()).append(' ').append(g.usedBytes() >> 20).append(" MiB");
        }
        return sb.append(procs.size() > 3 ? ", …)" : ")").toString();
    }
}
