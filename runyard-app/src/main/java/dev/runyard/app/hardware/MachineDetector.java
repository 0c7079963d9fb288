package dev.runyard.app.hardware;

import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.AcceleratorMatch;
import dev.runyard.core.hardware.AppleProbeParsers;
import dev.runyard.core.hardware.CpuInfo;
import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.GpuProbeParsers;
import dev.runyard.core.hardware.GpuProcess;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.hardware.MachineProfile;
import dev.runyard.core.hardware.SystemProbeParsers;
import dev.runyard.core.hardware.UnifiedMemory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Detects this machine: OSHI for CPU, RAM and OS; {@code nvidia-smi}, {@code rocm-smi} and DRM sysfs on Linux;
 * {@code system_profiler} and {@code sysctl} on macOS. Each probe that fails becomes a warning; {@link #detect()}
 * never throws and returns a CPU-only profile when no GPU answers.
 */
public final class MachineDetector {
    /** Which probes apply. */
    public enum Os { LINUX, MAC, WINDOWS, OTHER }

    private static final String DRM = "/sys/class/drm";
    private static final List<String> DRM_FILES = List.of("vendor", "device", "product_name", "mem_info_vram_total",
            "mem_info_vram_used");

    private final ToolRunner tools;
    private final Function<String, Optional<String>> files;
    private final Os os;
    private final boolean useOshi;

    /**
     * @param files   reads a file by absolute path ("/proc/meminfo", "/sys/class/drm/card0/device/vendor")
     * @param useOshi false in tests that feed captured output only
     */
    public MachineDetector(ToolRunner tools, Function<String, Optional<String>> files, Os os, boolean useOshi) {
        this.tools = tools;
        this.files = files;
        this.os = os;
        this.useOshi = useOshi;
    }

    /** The detector for the machine this JVM runs on. */
    public static MachineDetector forThisMachine() {
        return new MachineDetector(new ProcessToolRunner(), MachineDetector::readSmallFile, currentOs(), true);
    }

    public static Os currentOs() {
        String n = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return n.contains("linux") ? Os.LINUX : n.contains("mac") || n.contains("darwin") ? Os.MAC
                : n.contains("windows") ? Os.WINDOWS : Os.OTHER;
    }

    public MachineProfile detect() {
        List<String> warnings = new ArrayList<>();
        try {
            return detect(warnings);
        } catch (RuntimeException | LinkageError e) {
            warnings.add("hardware detection stopped early: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return new MachineProfile(List.of(), List.of(), 0, 0, CpuInfo.UNKNOWN, javaOs(), null, warnings);
        }
    }

    private MachineProfile detect(List<String> warnings) {
        OshiHost.Facts host = useOshi ? OshiHost.read(warnings) : OshiHost.Facts.NONE;
        CpuInfo cpu = host.cpu();
        long ramTotal = host.ramTotalBytes();
        long ramAvailable = host.ramAvailableBytes();
        if (os == Os.LINUX) {
            Optional<String> meminfo = files.apply("/proc/meminfo");
            if (meminfo.isPresent()) {
                SystemProbeParsers.Meminfo m = SystemProbeParsers.parseMeminfo(meminfo.get(), warnings);
                ramTotal = ramTotal > 0 ? ramTotal : m.totalBytes();
                ramAvailable = m.availableBytes() > 0 ? m.availableBytes() : ramAvailable;
            }
            Optional<String> cpuinfo = files.apply("/proc/cpuinfo");
            if (cpuinfo.isPresent()) {
                cpu = merge(cpu, SystemProbeParsers.parseCpuinfo(cpuinfo.get(), warnings));
            }
        }
        List<GpuDevice> gpus = new ArrayList<>();
        List<GpuProcess> processes = new ArrayList<>();
        UnifiedMemory unified = null;
        if (os == Os.LINUX || os == Os.WINDOWS) {
            tools.run(GpuProbeParsers.NVIDIA_SMI_GPUS, warnings)
                    .ifPresent(out -> gpus.addAll(GpuProbeParsers.parseNvidiaSmi(out, warnings)));
            if (!gpus.isEmpty()) {
                tools.run(GpuProbeParsers.NVIDIA_SMI_APPS, warnings)
                        .ifPresent(out -> processes.addAll(GpuProbeParsers.parseNvidiaComputeApps(out, warnings)));
            }
        }
        if (os == Os.LINUX) {
            List<GpuDevice> amd = tools.run(GpuProbeParsers.ROCM_SMI, warnings)
                    .map(out -> GpuProbeParsers.parseRocmSmi(out, warnings)).orElse(List.of());
            gpus.addAll(amd);
            for (GpuDevice g : GpuProbeParsers.parseDrmSysfs(readDrm(), warnings)) {
                if (g.vendor() == GpuVendor.NVIDIA || (g.vendor() == GpuVendor.AMD && !amd.isEmpty())) {
                    continue; // reported by nvidia-smi / rocm-smi with more detail
                }
                if (g.memoryTotalBytes() == 0) {
                    warnings.add(g.name() + " reports no memory of its own; planning without it");
                    continue;
                }
                gpus.add(g);
            }
        }
        if (os == Os.MAC) {
            AppleProbeParsers.Sysctl s = tools.run(AppleProbeParsers.SYSCTL, warnings)
                    .map(out -> AppleProbeParsers.parseSysctl(out, warnings)).orElse(null);
            if (s != null) {
                ramTotal = ramTotal > 0 ? ramTotal : s.memBytes();
                if (s.cpuBrand() != null && cpu.model().equals("unknown")) {
                    cpu = new CpuInfo(s.cpuBrand(), cpu.physicalCores(), cpu.logicalCores(), cpu.isa());
                }
            }
            long wiredMb = tools.run(AppleProbeParsers.SYSCTL_WIRED_LIMIT, new ArrayList<>())
                    .map(AppleProbeParsers::parseWiredLimitMb).orElse(0L);
            UnifiedMemory mem = UnifiedMemory.of(ramTotal, wiredMb);
            List<GpuDevice> mac = tools.run(AppleProbeParsers.SYSTEM_PROFILER, warnings)
                    .map(out -> AppleProbeParsers.parseSystemProfiler(out, mem, warnings)).orElse(List.of());
            for (GpuDevice g : mac) {
                if (g.vendor() == GpuVendor.APPLE) {
                    unified = mem;
                    long free = ramAvailable > 0 ? Math.min(g.memoryTotalBytes(), ramAvailable) : g.memoryTotalBytes();
                    g = g.withMemory(g.memoryTotalBytes(), free);
                }
                gpus.add(g);
            }
            if (cpu.isa().isEmpty() && System.getProperty("os.arch", "").equals("aarch64")) {
                cpu = cpu.withIsa(List.of("neon", "fp16", "dotprod"));
            }
        }
        if (ramTotal == 0) {
            ramTotal = jvmRamTotal(warnings);
        }
        if (cpu.logicalCores() == 0) {
            int n = Runtime.getRuntime().availableProcessors();
            cpu = new CpuInfo(cpu.model(), cpu.physicalCores() == 0 ? n : cpu.physicalCores(), n, cpu.isa());
        }
        List<GpuDevice> resolved = resolve(gpus, ramTotal);
        return new MachineProfile(resolved, processes, ramTotal, ramAvailable, cpu,
                host.os() == null ? javaOs() : host.os() + " " + System.getProperty("os.arch", ""), unified, warnings);
    }

    /** Attaches accelerator database ids; Apple GPUs are matched by their RAM size, others by their VRAM. */
    static List<GpuDevice> resolve(List<GpuDevice> gpus, long ramTotal) {
        AcceleratorDatabase db = AcceleratorDatabase.bundled();
        List<GpuDevice> out = new ArrayList<>();
        for (GpuDevice g : gpus) {
            long size = g.vendor() == GpuVendor.APPLE ? ramTotal : g.memoryTotalBytes();
            out.add(g.withAcceleratorId(AcceleratorMatch.find(db, g.name(), size).map(a -> a.id()).orElse(null)));
        }
        return out;
    }

    /** OSHI's CPU with /proc/cpuinfo filling gaps; the ISA always from /proc/cpuinfo when it has one. */
    private static CpuInfo merge(CpuInfo oshi, CpuInfo proc) {
        return new CpuInfo(oshi.model().equals("unknown") ? proc.model() : oshi.model(),
                oshi.physicalCores() > 0 ? oshi.physicalCores() : proc.physicalCores(),
                oshi.logicalCores() > 0 ? oshi.logicalCores() : proc.logicalCores(),
                proc.isa().isEmpty() ? oshi.isa() : proc.isa());
    }

    /** DRM sysfs files of card0..card15 (connectors such as card0-DP-1 have no device/vendor and are skipped). */
    private Map<String, String> readDrm() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < 16; i++) {
            String card = "card" + i;
            if (files.apply(DRM + "/" + card + "/device/vendor").isEmpty()) {
                continue;
            }
            for (String f : DRM_FILES) {
                files.apply(DRM + "/" + card + "/device/" + f).ifPresent(v -> out.put(card + "/device/" + f, v));
            }
        }
        return out;
    }

    static Optional<String> readSmallFile(String path) {
        try {
            Path p = Path.of(path);
            if (!Files.isReadable(p)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(p)) {
                return Optional.of(new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long jvmRamTotal(List<String> warnings) {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            warnings.add("could not read total RAM");
            return 0;
        }
    }

    private static String javaOs() {
        return System.getProperty("os.name", "unknown") + " " + System.getProperty("os.version", "") + " "
                + System.getProperty("os.arch", "");
    }
}
