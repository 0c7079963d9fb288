package dev.runyard.app.cli;

import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuProcess;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.plan.HostCpu;
import dev.runyard.core.units.ByteSize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** How {@code runyard hardware} prints a {@link MachineProfile}: one JSON document, or lines for people. */
final class HardwareView {
    private HardwareView() {
    }

    static Map<String, Object> json(MachineProfile m, List<String> overrides, HostCpu host) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("os", m.os());
        j.put("ram_total_bytes", m.ramTotalBytes());
        j.put("ram_available_bytes", m.ramAvailableBytes());
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("model", m.cpu().model());
        cpu.put("cores", m.cpu().physicalCores());
        cpu.put("threads", m.cpu().logicalCores());
        cpu.put("isa", m.cpu().isa());
        j.put("cpu", cpu);
        Map<String, Object> bw = new LinkedHashMap<>();
        bw.put("measured_copy_gbs", host.measuredCopyGbs() > 0 ? Math.round(host.measuredCopyGbs() * 10) / 10.0 : null);
        bw.put("datasheet_equivalent_gbs", Math.round(host.ramBandwidthGbs() * 10) / 10.0);
        bw.put("threads", host.threads());
        bw.put("prefill_gflops", Math.round(host.prefillGflops()));
        bw.put("source", host.source());
        j.put("ram_bandwidth", bw);
        j.put("gpus", m.gpus().stream().map(HardwareView::gpu).toList());
        j.put("other_gpu_processes", m.otherGpuProcesses().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pid", p.pid());
            pm.put("name", p.name());
            pm.put("used_memory_bytes", p.usedBytes());
            return pm;
        }).toList());
        j.put("unified_memory", m.unifiedMemory());
        if (m.unified() != null) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("ram_bytes", m.unified().ramBytes());
            u.put("default_gpu_limit_bytes", m.unified().defaultLimitBytes());
            u.put("wired_limit_bytes", m.unified().wiredLimitBytes());
            u.put("gpu_limit_bytes", m.unified().gpuLimitBytes());
            j.put("unified_memory_limits", u);
        }
        j.put("overrides", overrides);
        j.put("warnings", m.warnings());
        return j;
    }

    private static Map<String, Object> gpu(GpuDevice g) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("index", g.index());
        j.put("name", g.name());
        j.put("vendor", g.vendor().name().toLowerCase(Locale.ROOT));
        j.put("accelerator_id", g.acceleratorId());
        j.put("memory_total_bytes", g.memoryTotalBytes());
        j.put("memory_free_bytes", g.memoryFreeBytes());
        j.put("bandwidth_gbs", accelerator(g).map(Accelerator::bandwidthGbs).orElse(null));
        j.put("backend", g.backend().key());
        j.put("driver", g.driver());
        return j;
    }

    static String text(MachineProfile m, List<String> overrides, HostCpu host) {
        StringBuilder b = new StringBuilder();
        line(b, "OS:   %s", m.os());
        line(b, "CPU:  %s, %d cores / %d threads%s", m.cpu().model(), m.cpu().physicalCores(), m.cpu().logicalCores(),
                m.cpu().isa().isEmpty() ? "" : " (" + String.join(", ", m.cpu().isa()) + ")");
        line(b, "RAM bandwidth: %.1f GB/s for CPU speeds (%s)", host.ramBandwidthGbs(), host.source());
        line(b, "RAM:  %s total, %s available", gib(m.ramTotalBytes()), gib(m.ramAvailableBytes()));
        if (m.unified() != null) {
            line(b, "Unified memory: the GPU may use %s of %s (macOS default %s%s)", gib(m.unified().gpuLimitBytes()),
                    gib(m.unified().ramBytes()), gib(m.unified().defaultLimitBytes()),
                    m.unified().wiredLimitBytes() > 0 ? ", raised with iogpu.wired_limit_mb" : "");
        }
        if (m.gpus().isEmpty()) {
            line(b, "GPUs: none found; planning for CPU and RAM");
        }
        for (GpuDevice g : m.gpus()) {
            Optional<Accelerator> a = accelerator(g);
            line(b, "GPU %d: %s, %s total, %s free, %s%s%s", g.index(), g.name(), gib(g.memoryTotalBytes()),
                    gib(g.memoryFreeBytes()), g.backend(), g.driver() == null ? "" : " " + g.driver(),
                    a.map(x -> String.format(Locale.ROOT, " [%s, %.0f GB/s]", x.id(), x.bandwidthGbs()))
                            .orElse(" [not in the accelerator database]"));
        }
        for (GpuProcess p : m.otherGpuProcesses()) {
            line(b, "  held by pid %d %s: %s", p.pid(), p.name(), gib(p.usedBytes()));
        }
        for (String o : overrides) {
            line(b, "override: %s", o);
        }
        for (String w : m.warnings()) {
            line(b, "warning: %s", w);
        }
        return b.toString();
    }

    private static Optional<Accelerator> accelerator(GpuDevice g) {
        if (g.acceleratorId() == null) {
            return Optional.empty();
        }
        return AcceleratorDatabase.bundled().all().stream().filter(a -> a.id().equals(g.acceleratorId())).findFirst();
    }

    private static String gib(long bytes) {
        return ByteSize.of(bytes).toBinaryString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
    }
}
