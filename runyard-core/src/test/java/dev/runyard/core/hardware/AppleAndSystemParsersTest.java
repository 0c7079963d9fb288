package dev.runyard.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppleAndSystemParsersTest {
    static final long GIB = 1L << 30;
    final List<String> warnings = new ArrayList<>();

    @Test
    void m3Max64GbGetsTheDefaultWorkingSetLimit() {
        AppleProbeParsers.Sysctl s = AppleProbeParsers.parseSysctl(ProbeFixtures.text("sysctl-m3max-64g.txt"), warnings);
        assertThat(s).isEqualTo(new AppleProbeParsers.Sysctl(64 * GIB, "Apple M3 Max", 12));
        UnifiedMemory mem = UnifiedMemory.of(s.memBytes(), AppleProbeParsers.parseWiredLimitMb("0\n"));
        // 64 GiB M3 Max: Metal's recommendedMaxWorkingSetSize is 48 GiB (3/4).
        assertThat(mem.defaultLimitBytes()).isEqualTo(48 * GIB);
        assertThat(mem.wiredLimitBytes()).isZero();
        List<GpuDevice> gpus = AppleProbeParsers.parseSystemProfiler(
                ProbeFixtures.text("system-profiler-m3max.json"), mem, warnings);
        assertThat(warnings).isEmpty();
        assertThat(gpus).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("Apple M3 Max (40-core GPU)");
            assertThat(g.vendor()).isEqualTo(GpuVendor.APPLE);
            assertThat(g.backend()).isEqualTo(Backend.METAL);
            assertThat(g.memoryTotalBytes()).isEqualTo(48 * GIB);
            assertThat(g.driver()).isEqualTo("metal3");
            assertThat(AcceleratorMatch.find(AcceleratorDatabase.bundled(), g.name(), 64 * GIB))
                    .hasValueSatisfying(a -> assertThat(a.id()).isEqualTo("apple-m3max-40c"));
        });
    }

    @Test
    void wiredLimitRaisesTheGpuShareAndSmallMachinesGetTwoThirds() {
        UnifiedMemory raised = UnifiedMemory.of(64 * GIB, AppleProbeParsers.parseWiredLimitMb("57344"));
        assertThat(raised.gpuLimitBytes()).isEqualTo(56 * GIB);
        assertThat(raised.defaultLimitBytes()).isEqualTo(48 * GIB);
        assertThat(UnifiedMemory.of(16 * GIB, 0).gpuLimitBytes()).isEqualTo(16 * GIB / 3 * 2);
        assertThat(UnifiedMemory.of(16 * GIB, 999_999).gpuLimitBytes()).isEqualTo(16 * GIB);
    }

    @Test
    void intelMacSysctlWithoutPerfLevels() {
        AppleProbeParsers.Sysctl s = AppleProbeParsers.parseSysctl("17179869184\nIntel(R) Core(TM) i9-9980HK CPU @ 2.40GHz\n",
                warnings);
        assertThat(s.performanceCores()).isZero();
        assertThat(s.cpuBrand()).startsWith("Intel");
        assertThat(warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"SPDisplaysDataType\": 3}", "{\"SPDisplaysDataType\": [{\"sppci_cores\": \"40\"}]}",
        "null", "[]"})
    void brokenSystemProfilerIsAWarningAtMost(String json) {
        assertThat(AppleProbeParsers.parseSystemProfiler(json, UnifiedMemory.of(8 * GIB, 0), warnings)).isEmpty();
        assertThat(warnings.size()).isEqualTo(json.isEmpty() ? 0 : 1);
    }

    @Test
    void brokenSysctlIsAWarning() {
        AppleProbeParsers.Sysctl s = AppleProbeParsers.parseSysctl("sysctl: unknown oid 'hw.memsize'\n", warnings);
        assertThat(s.memBytes()).isZero();
        assertThat(warnings).isNotEmpty();
    }

    @Test
    void meminfo() {
        SystemProbeParsers.Meminfo m = SystemProbeParsers.parseMeminfo(ProbeFixtures.text("meminfo.txt"), warnings);
        assertThat(m.totalBytes()).isEqualTo(65843420L * 1024);
        assertThat(m.availableBytes()).isEqualTo(51234560L * 1024);
        assertThat(warnings).isEmpty();
    }

    @Test
    void meminfoWithoutMemAvailableOrTruncated() {
        SystemProbeParsers.Meminfo m = SystemProbeParsers.parseMeminfo(
                "MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 10 kB\nCached: 1", warnings);
        assertThat(m).isEqualTo(new SystemProbeParsers.Meminfo(1000 * 1024, 110 * 1024 + 1024));
        assertThat(warnings).singleElement().asString().contains("MemAvailable");
        warnings.clear();
        assertThat(SystemProbeParsers.parseMeminfo("MemTot", warnings).totalBytes()).isZero();
        assertThat(warnings).isNotEmpty();
    }

    @Test
    void cpuinfoX86SapphireRapids() {
        CpuInfo cpu = SystemProbeParsers.parseCpuinfo(ProbeFixtures.text("cpuinfo-x86.txt"), warnings);
        assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(cpu.logicalCores()).isEqualTo(4);
        assertThat(cpu.physicalCores()).isEqualTo(2);
        assertThat(cpu.isa()).containsExactly("sse4.2", "avx", "f16c", "fma", "avx2", "avx_vnni", "avx512", "avx512_vnni",
                "avx512_bf16", "avx512_fp16", "amx", "amx_bf16", "amx_int8");
        assertThat(warnings).isEmpty();
    }

    @Test
    void cpuinfoArm64() {
        CpuInfo cpu = SystemProbeParsers.parseCpuinfo(ProbeFixtures.text("cpuinfo-arm64.txt"), warnings);
        assertThat(cpu.model()).isEqualTo("unknown");
        assertThat(cpu.logicalCores()).isEqualTo(2);
        assertThat(cpu.physicalCores()).isEqualTo(2);
        assertThat(cpu.isa()).containsExactly("neon", "fp16", "dotprod", "i8mm", "bf16", "sve", "sve2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "processor", "processor : 0\nflags", ":::\n: :", "processor\t: 0\nmodel name\t: "})
    void brokenCpuinfoNeverThrows(String text) {
        CpuInfo cpu = SystemProbeParsers.parseCpuinfo(text, warnings);
        assertThat(cpu.logicalCores()).isNotNegative();
        assertThat(cpu.model()).isNotBlank();
    }

    @Test
    void isaNamesAreNormalisedFromAnyCase() {
        assertThat(SystemProbeParsers.normalizeIsa(List.of("AVX2", "asimd", "neon", "nope"))).containsExactly("avx2", "neon");
    }

    @Test
    void matchingStripsMemorySuffixesAndBrackets() {
        AcceleratorDatabase db = AcceleratorDatabase.bundled();
        assertThat(AcceleratorMatch.find(db, "NVIDIA H100 80GB HBM3", 81559L << 20)).get()
                .extracting(Accelerator::id).isEqualTo("nv-h100-sxm");
        assertThat(AcceleratorMatch.find(db, "NVIDIA GeForce RTX 3090", 24 * GIB)).get()
                .extracting(Accelerator::id).isEqualTo("nv-rtx3090");
        assertThat(AcceleratorMatch.find(db, "Navi 31 [Radeon RX 7900 XT/7900 XTX]", 20 * GIB)).get()
                .extracting(Accelerator::id).isEqualTo("amd-rx7900xt");
        assertThat(AcceleratorMatch.find(db, "AMD GPU 0x744c", 24 * GIB)).isEmpty();
        assertThat(AcceleratorMatch.find(db, "", 0)).isEmpty();
    }
}
