package dev.runyard.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GpuProbeParsersTest {
    static final long MIB = 1L << 20;
    final List<String> warnings = new ArrayList<>();

    @Test
    void oneRtx4090() {
        List<GpuDevice> gpus = GpuProbeParsers.parseNvidiaSmi(ProbeFixtures.text("nvidia-smi-rtx4090.csv"), warnings);
        assertThat(warnings).isEmpty();
        assertThat(gpus).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("NVIDIA GeForce RTX 4090");
            assertThat(g.memoryTotalBytes()).isEqualTo(24564 * MIB);
            assertThat(g.memoryFreeBytes()).isEqualTo(22310 * MIB);
            assertThat(g.vendor()).isEqualTo(GpuVendor.NVIDIA);
            assertThat(g.backend()).isEqualTo(Backend.CUDA);
            assertThat(g.driver()).isEqualTo("550.54.14");
        });
    }

    @Test
    void truncatedSecondLineOfTwoRtx3090sIsAWarning() {
        List<GpuDevice> gpus = GpuProbeParsers.parseNvidiaSmi(
                ProbeFixtures.text("nvidia-smi-2x3090-truncated.csv"), warnings);
        assertThat(gpus).extracting(GpuDevice::index).containsExactly(0);
        assertThat(gpus.get(0).memoryFreeBytes()).isEqualTo(4084 * MIB);
        assertThat(warnings).singleElement().asString().contains("line 2").contains("incomplete");
    }

    @Test
    void h100NodeWithEightGpusAndTheProcessesHoldingThem() {
        List<GpuDevice> gpus = GpuProbeParsers.parseNvidiaSmi(ProbeFixtures.text("nvidia-smi-h100x8.csv"), warnings);
        assertThat(gpus).hasSize(8).extracting(GpuDevice::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(gpus).allSatisfy(g -> assertThat(g.memoryTotalBytes()).isEqualTo(81559 * MIB));
        assertThat(gpus.get(0).memoryFreeBytes()).isEqualTo(6754 * MIB);
        List<GpuProcess> apps = GpuProbeParsers.parseNvidiaComputeApps(
                ProbeFixtures.text("nvidia-smi-apps-h100x8.csv"), warnings);
        assertThat(apps).hasSize(5);
        assertThat(apps.get(0)).isEqualTo(new GpuProcess(2183401, "/usr/bin/python3", 74190 * MIB));
        assertThat(apps.get(4).usedBytes()).isZero();
        assertThat(warnings).isEmpty();
    }

    @Test
    void failedDriverIsOneWarning() {
        assertThat(GpuProbeParsers.parseNvidiaSmi(ProbeFixtures.text("nvidia-smi-failed.txt"), warnings)).isEmpty();
        assertThat(warnings).singleElement().asString().startsWith("nvidia-smi says:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0, NVIDIA A100, x, 1, 2, 535", "abc, NVIDIA A100, 1, 1, 2, 535", ",,,,,",
        "0, , 1, 2, 3, 4", "99999999999999999999999, A, 1, 2, 3, 4", "0, NVIDIA, 9999999999999999999, 1, 1, 1",
        "\u0000\u0001", "0,", "0, NVIDIA GeForce RTX 4090, -1, 0, 0, 550"})
    void brokenLinesNeverThrow(String line) {
        List<GpuDevice> gpus = GpuProbeParsers.parseNvidiaSmi(line, warnings);
        assertThat(gpus.size() + warnings.size()).isPositive();
        gpus.forEach(g -> assertThat(g.memoryTotalBytes()).isNotNegative());
        assertThat(GpuProbeParsers.parseNvidiaComputeApps(line, warnings)).isNotNull();
    }

    @Test
    void memoryNotAvailableKeepsTheGpuWithAWarning() {
        List<GpuDevice> gpus = GpuProbeParsers.parseNvidiaSmi("0, NVIDIA GB10, [N/A], [N/A], [N/A], 580.95.05", warnings);
        assertThat(gpus).singleElement().extracting(GpuDevice::memoryTotalBytes).isEqualTo(0L);
        assertThat(warnings).singleElement().asString().contains("no memory size");
    }

    @Test
    void manyBadLinesAreCapped() {
        String junk = "garbage\n".repeat(500);
        GpuProbeParsers.parseNvidiaSmi(junk, warnings);
        assertThat(warnings).hasSize(ProbeText.MAX_WARNINGS + 1);
    }

    @Test
    void rocmSmiRx7900Xtx() {
        List<GpuDevice> gpus = GpuProbeParsers.parseRocmSmi(ProbeFixtures.text("rocm-smi-rx7900xtx.json"), warnings);
        assertThat(warnings).isEmpty();
        assertThat(gpus).singleElement().satisfies(g -> {
            assertThat(g.vendor()).isEqualTo(GpuVendor.AMD);
            assertThat(g.backend()).isEqualTo(Backend.ROCM);
            assertThat(g.memoryTotalBytes()).isEqualTo(25753026560L);
            assertThat(g.memoryFreeBytes()).isEqualTo(25753026560L - 1343488000L);
            assertThat(g.driver()).isEqualTo("6.8.5");
            assertThat(AcceleratorMatch.find(AcceleratorDatabase.bundled(), g.name(), g.memoryTotalBytes()))
                    .hasValueSatisfying(a -> assertThat(a.id()).isEqualTo("amd-rx7900xtx"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "WARNING: no AMD GPU", "{\"card0\": {\"Card Series\": ", "[1,2]",
        "{\"card0\": {\"VRAM Total Memory (B)\": \"lots\"}}"})
    void brokenRocmSmiOutputIsAWarningAtMost(String out) {
        List<GpuDevice> gpus = GpuProbeParsers.parseRocmSmi(out, warnings);
        assertThat(gpus.size()).isLessThanOrEqualTo(1);
        if (!out.isEmpty()) {
            assertThat(warnings).isNotEmpty();
        }
    }

    @Test
    void sysfsCardsWithAndWithoutVram() {
        List<GpuDevice> gpus = GpuProbeParsers.parseDrmSysfs(ProbeFixtures.sysfs("sysfs-drm-amd-intel.txt"), warnings);
        assertThat(gpus).extracting(GpuDevice::vendor).containsExactly(GpuVendor.INTEL, GpuVendor.AMD, GpuVendor.AMD);
        assertThat(gpus.get(0).memoryTotalBytes()).isZero();
        assertThat(gpus.get(1).memoryTotalBytes()).isEqualTo(25753026560L);
        assertThat(gpus.get(1).memoryFreeBytes()).isEqualTo(25753026560L - (1L << 30));
        assertThat(gpus.get(1).name()).isEqualTo("AMD GPU 0x744c");
        assertThat(gpus.get(2).memoryTotalBytes()).isZero();
        assertThat(warnings).singleElement().asString().contains("card2");
    }

    @Test
    void sysfsIgnoresConnectorsAndNulls() {
        assertThat(GpuProbeParsers.parseDrmSysfs(Map.of("card0-HDMI-A-1/status", "x", "renderD128/device/vendor", "y"),
                warnings)).isEmpty();
        assertThat(warnings).isEmpty();
    }
}
