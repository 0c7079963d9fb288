package dev.runyard.app.rank;

import dev.runyard.app.hardware.MachineDetector;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuProcess;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.plan.Machine;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link Machine} a plan uses from flags (--gpu, --gpus, --ram) or, without them, from detection. */
public final class MachineResolver {
    private MachineResolver() {
    }

    /** The machine and what was assumed about it. */
    public record Resolved(Machine machine, String description, List<String> warnings) {
    }

    public static Resolved resolve(String gpu, Integer gpus, Double ramGb) {
        if (ramGb != null && !(ramGb > 0 && ramGb <= 65536)) {
            throw RunyardException.badInput("--ram must be between 0 and 65536 GB, got " + ramGb, "e.g. --ram 64");
        }
        if (gpus != null && (gpus <= 0 || gpus > 1024)) {
            throw RunyardException.badInput("--gpus must be 1 to 1024, got " + gpus, "e.g. --gpus 2");
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
            boolean apple = first.vendor().equalsIgnoreCase("apple") || first.unifiedMemory();
            long ram = ramGb != null ? (long) (ramGb * (1L << 30)) : apple ? list.get(0).memoryBytes()
                    : Math.max(32L << 30, 2 * spec.totalMemoryBytes());
            if (ramGb == null && !apple) {
                warnings.add("system RAM not given: assuming " + (ram >> 30) + " GiB (add --ram)");
            }
            String backend = apple ? "metal" : first.vendor().equalsIgnoreCase("amd") ? "rocm"
                    : first.vendor().equalsIgnoreCase("intel") ? "sycl" : "cuda";
            long margin = Machine.defaultMargin(list.get(0).memoryBytes());
            Machine m = new Machine(list, ram, apple, Machine.APPLE_DEFAULT_WORKING_SET, margin, backend);
            return new Resolved(m, list.size() + "x " + first.name(), warnings);
        }
        MachineProfile p = MachineDetector.forThisMachine().detect();
        warnings.addAll(p.warnings());
        long ram = ramGb != null ? (long) (ramGb * (1L << 30)) : p.ramTotalBytes();
        List<Machine.Gpu> list = new ArrayList<>();
        for (GpuDevice g : p.gpus()) {
            Accelerator a = (g.acceleratorId() == null ? java.util.Optional.<Accelerator>empty()
                    : AcceleratorDatabase.bundled().all().stream().filter(x -> x.id().equals(g.acceleratorId())).findFirst())
                    .or(() -> AcceleratorDatabase.bundled().find(g.name())).orElseGet(() -> {
                        warnings.add("GPU \"" + g.name() + "\" is not in the database: speed assumes 300 GB/s");
                        return new Accelerator("unknown", "", g.name(), List.of(g.memoryTotalBytes() / (double) (1L << 30)),
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
        String backend = list.isEmpty() ? "cpu" : unified ? "metal" : p.gpus().get(0).backend() == null ? "cuda"
                : p.gpus().get(0).backend();
        double workingSet = Machine.APPLE_DEFAULT_WORKING_SET;
        if (unified && p.unified().ramBytes() > 0) {
            // The GPU's share of unified memory: iogpu.wired_limit_mb when set, else macOS's default limit.
            long limit = p.unified().wiredLimitBytes() > 0 ? p.unified().wiredLimitBytes() : p.unified().defaultLimitBytes();
            workingSet = limit > 0 ? (double) limit / p.unified().ramBytes() : workingSet;
        }
        Machine m = new Machine(list, ram, unified, workingSet, margin, backend);
        String desc = list.isEmpty() ? "this machine (CPU only, " + (ram >> 30) + " GiB RAM)"
                : "this machine (" + list.size() + "x " + list.get(0).accelerator().name() + ")";
        return new Resolved(m, desc, warnings);
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
