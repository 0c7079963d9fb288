package dev.runyard.app.rank;

import dev.runyard.app.hardware.MachineProbe;
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
        MachineProbe.Profile p = MachineProbe.probe();
        warnings.addAll(p.warnings());
        long ram = ramGb != null ? (long) (ramGb * (1L << 30)) : p.ramTotalBytes();
        List<Machine.Gpu> list = new ArrayList<>();
        for (MachineProbe.Gpu g : p.gpus()) {
            Accelerator a = AcceleratorDatabase.bundled().find(g.name()).orElseGet(() -> {
                warnings.add("GPU \"" + g.name() + "\" is not in the database: speed assumes 300 GB/s");
                return new Accelerator("unknown", "", g.name(), List.of(g.totalBytes() / (double) (1L << 30)), 300, 0,
                        false, false, false, "gpu", List.of(), "", "");
            });
            // Plan with free memory: what the desktop and other programs hold is not ours.
            list.add(new Machine.Gpu(a, g.freeBytes() > 0 ? g.freeBytes() : g.totalBytes()));
        }
        long margin = list.isEmpty() ? 0 : Machine.defaultMargin(list.get(0).memoryBytes());
        Machine m = new Machine(list, ram, false, Machine.APPLE_DEFAULT_WORKING_SET, margin, list.isEmpty() ? "cpu" : "cuda");
        String desc = list.isEmpty() ? "this machine (CPU only, " + (ram >> 30) + " GiB RAM)"
                : "this machine (" + list.size() + "x " + list.get(0).accelerator().name() + ")";
        return new Resolved(m, desc, warnings);
    }
}
