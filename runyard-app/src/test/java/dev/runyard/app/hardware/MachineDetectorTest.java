package dev.runyard.app.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.hardware.GpuDevice;
import dev.runyard.core.hardware.MachineProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detector fed with the captured outputs of runyard-core's probe fixtures instead of real tools. */
class MachineDetectorTest {
    static final Path PROBES = Path.of("../runyard-core/src/test/resources/probes");
    static final long GIB = 1L << 30;

    static String fixture(String name) {
        try {
            return Files.readString(PROBES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers each tool by its first argument; tools not in the map are "not installed". */
    static ToolRunner tools(Map<String, String> byTool) {
        return (cmd, warnings) -> Optional.ofNullable(byTool.get(cmd.get(0) + " " + cmd.get(1)));
    }

    static MachineProfile detect(MachineDetector.Os os, Map<String, String> tools, Map<String, String> files) {
        return new MachineDetector(tools(tools), p -> Optional.ofNullable(files.get(p)), os, false).detect();
    }

    @Test
    void h100NodeResolvesEveryGpuAndListsTheProcesses() {
        MachineProfile m = detect(MachineDetector.Os.LINUX, Map.of(
                "nvidia-smi --query-gpu=index,name,memory.total,memory.used,memory.free,driver_version",
                fixture("nvidia-smi-h100x8.csv"),
                "nvidia-smi --query-compute-apps=pid,process_name,used_memory", fixture("nvidia-smi-apps-h100x8.csv")),
                Map.of("/proc/meminfo", fixture("meminfo.txt"), "/proc/cpuinfo", fixture("cpuinfo-x86.txt")));
        assertThat(m.gpus()).hasSize(8).allSatisfy(g -> assertThat(g.acceleratorId()).isEqualTo("nv-h100-sxm"));
        assertThat(m.otherGpuProcesses()).hasSize(5);
        assertThat(m.ramTotalBytes()).isEqualTo(65843420L * 1024);
        assertThat(m.cpu().isa()).contains("avx512", "amx");
        assertThat(m.unifiedMemory()).isFalse();
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void truncatedNvidiaLineKeepsTheGoodGpuAndWarns() {
        MachineProfile m = detect(MachineDetector.Os.LINUX, Map.of(
                "nvidia-smi --query-gpu=index,name,memory.total,memory.used,memory.free,driver_version",
                fixture("nvidia-smi-2x3090-truncated.csv")), Map.of());
        assertThat(m.gpus()).singleElement().extracting(GpuDevice::acceleratorId).isEqualTo("nv-rtx3090");
        assertThat(m.warnings()).anyMatch(w -> w.contains("incomplete"));
    }

    @Test
    void amdFromRocmSmiAndSysfsWithoutDuplicates() {
        Map<String, String> files = new HashMap<>();
        for (String line : fixture("sysfs-drm-amd-intel.txt").split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                files.put("/sys/class/drm/" + line.substring(0, eq), line.substring(eq + 1));
            }
        }
        MachineProfile withRocm = detect(MachineDetector.Os.LINUX,
                Map.of("rocm-smi --showproductname", fixture("rocm-smi-rx7900xtx.json")), files);
        assertThat(withRocm.gpus()).singleElement().extracting(GpuDevice::acceleratorId).isEqualTo("amd-rx7900xtx");
        MachineProfile sysfsOnly = detect(MachineDetector.Os.LINUX, Map.of(), files);
        assertThat(sysfsOnly.gpus()).singleElement().extracting(GpuDevice::memoryTotalBytes).isEqualTo(25753026560L);
        assertThat(sysfsOnly.warnings()).anyMatch(w -> w.contains("no memory of its own"));
    }

    @Test
    void m3Max64GbIsUnifiedWithBothLimits() {
        MachineProfile m = detect(MachineDetector.Os.MAC, Map.of(
                "sysctl -n", fixture("sysctl-m3max-64g.txt"),
                "system_profiler SPDisplaysDataType", fixture("system-profiler-m3max.json")), Map.of());
        assertThat(m.unifiedMemory()).isTrue();
        assertThat(m.ramTotalBytes()).isEqualTo(64 * GIB);
        assertThat(m.unified().defaultLimitBytes()).isEqualTo(48 * GIB);
        assertThat(m.gpus()).singleElement().satisfies(g -> {
            assertThat(g.acceleratorId()).isEqualTo("apple-m3max-40c");
            assertThat(g.memoryTotalBytes()).isEqualTo(48 * GIB);
        });
        assertThat(m.cpu().model()).isEqualTo("Apple M3 Max");
    }

    @Test
    void nothingAnswersGivesACpuOnlyProfile() {
        MachineProfile m = detect(MachineDetector.Os.LINUX, Map.of(), Map.of());
        assertThat(m.cpuOnly()).isTrue();
        assertThat(m.cpu().logicalCores()).isPositive();
        assertThat(m.ramTotalBytes()).isPositive();
    }

    @Test
    void aThrowingToolNeverReachesTheCaller() {
        ToolRunner broken = (cmd, w) -> {
            throw new IllegalStateException("boom");
        };
        MachineProfile m = new MachineDetector(broken, p -> Optional.empty(), MachineDetector.Os.LINUX, false).detect();
        assertThat(m.cpuOnly()).isTrue();
        assertThat(m.warnings()).anyMatch(w -> w.contains("boom"));
    }

    @Test
    void realToolRunnerIsSilentForAbsentToolsAndWarnsOnFailure() {
        List<String> warnings = new java.util.ArrayList<>();
        assertThat(new ProcessToolRunner().run(List.of("runyard-no-such-tool-xyz"), warnings)).isEmpty();
        assertThat(warnings).isEmpty();
        assertThat(new ProcessToolRunner().run(List.of("sh", "-c", "echo bad; exit 3"), warnings)).isEmpty();
        assertThat(warnings).singleElement().asString().contains("exit 3").contains("bad");
        assertThat(new ProcessToolRunner().run(List.of("echo", "hi"), new java.util.ArrayList<>())).hasValue("hi\n");
    }

    @Test
    void probeKeepsTheShortView() {
        MachineProbe.Profile p = MachineProbe.probe();
        assertThat(p.cpuCores()).isPositive();
        assertThat(p.ramTotalBytes()).isPositive();
        assertThat(p.gpus()).isNotNull();
    }
}
