package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.plan.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** --gpu none / --cpu-only simulate a CPU-only machine; --ram reads 64, 64GB and 64GiB, a bare number being GiB. */
class HardwareOptionsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MODEL = "Qwen/Qwen3-8B";

    static JsonNode calc(String... extra) throws Exception {
        String[] args = new String[extra.length + 3];
        args[0] = "calc";
        args[1] = MODEL;
        System.arraycopy(extra, 0, args, 2, extra.length);
        args[args.length - 1] = "--json";
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    @Test
    void gpuNoneIsACpuOnlyMachine() {
        for (String none : new String[] {"none", "NONE", " None "}) {
            Machine m = MachineResolver.resolve(none, null, 64L << 30).machine();
            assertThat(m.gpus()).isEmpty();
            assertThat(m.backend()).isEqualTo(Backend.CPU);
            assertThat(m.ramBytes()).isEqualTo(64L << 30);
            assertThat(m.unifiedMemory()).isFalse();
        }
        assertThat(MachineResolver.resolve("none", null, 64L << 30).description()).isEqualTo("CPU only, 64 GiB RAM");
    }

    @Test
    void cpuOnlyAndGpuNonePlanWithoutGpus() throws Exception {
        for (String[] flags : new String[][] {{"--cpu-only"}, {"--gpu", "none"}, {"--cpu-only", "--gpu", "none"}}) {
            String[] args = new String[flags.length + 2];
            System.arraycopy(flags, 0, args, 0, flags.length);
            args[flags.length] = "--ram";
            args[flags.length + 1] = "64";
            JsonNode j = calc(args);
            assertThat(j.get("machine").asText()).isEqualTo("CPU only, 64 GiB RAM");
            for (JsonNode row : j.get("rows")) {
                assertThat(row.get("max_context_full_gpu").asLong()).isZero();
                for (JsonNode c : row.get("cells")) {
                    assertThat(c.get("fit").asText()).isIn("cpu_only", "does_not_fit");
                }
            }
        }
        CliRun fit = CliRun.of("fit", "--cpu-only", "--ram", "32", "--limit", "3", "--json");
        assertThat(fit.exit()).as(fit.err()).isZero();
        JsonNode rows = MAPPER.readTree(fit.out());
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("fit").asText()).isEqualTo("cpu_only");
            assertThat(r.get("machine").asText()).isEqualTo("CPU only, 32 GiB RAM");
        });
    }

    @ParameterizedTest
    @CsvSource({"64, 64 GiB", "64GiB, 64 GiB", "64gib, 64 GiB", "64 GiB, 64 GiB", "64GB, 59.6 GiB", "64 gb, 59.6 GiB",
        "1.5, 1.5 GiB", "0.5TiB, 512 GiB"})
    void ramTakesGibByDefaultAndGbWhenSaid(String ram, String shown) throws Exception {
        assertThat(calc("--cpu-only", "--ram", ram).get("machine").asText()).isEqualTo("CPU only, " + shown + " RAM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-3", "0", "0GB", "64 PB", "70000", ""})
    void badRamIsOneLineAndExit2(String ram) {
        CliRun r = CliRun.of("calc", MODEL, "--gpu", "RTX 4090", "--ram", ram, "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("runyard: ").contains("--ram");
    }

    @Test
    void cpuOnlyWithARealGpuIsBadInput() {
        for (String[] args : new String[][] {{"fit", "--cpu-only", "--gpu", "RTX 4090", "--ram", "64"},
            {"calc", MODEL, "--gpu", "none", "--gpus", "2", "--ram", "64"},
            {"hardware", "--cpu-only", "--gpu", "RTX 4090"}, {"hardware", "--gpu", "none", "--vram", "24"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).containsAnyOf("contradicts");
        }
    }

    @Test
    void hardwareTakesTheSameSizesAndCpuOnly() throws Exception {
        CliRun r = CliRun.of("hardware", "--cpu-only", "--ram", "64GB", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.get("gpus")).isEmpty();
        assertThat(j.get("ram_total_bytes").asLong()).isEqualTo(64_000_000_000L);
        CliRun v = CliRun.of("hardware", "--gpu", "RTX 4090", "--vram", "20GiB", "--json");
        assertThat(MAPPER.readTree(v.out()).get("gpus").get(0).get("memory_total_bytes").asLong()).isEqualTo(20L << 30);
    }

    @Test
    void helpSaysWhatABareRamNumberMeans() {
        assertThat(CliRun.of("fit", "--help").out().replaceAll("\\s+", " ")).contains("--cpu-only", "bare number is GiB", "\"none\"");
    }

    /** {@code run} of Qwen3-8B Q4_0 with llama.cpp on a CPU-only 32 GiB machine, with {@code flags} added. */
    private static com.fasterxml.jackson.databind.JsonNode cpuRun(String... flags) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "Qwen/Qwen3-8B", "--engine",
                "llama.cpp", "--quant", "Q4_0", "--gpu", "none", "--ram", "32", "--json"));
        args.addAll(java.util.List.of(flags));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliRun.of(args.toArray(String[]::new)).out());
    }

    @Test
    void ramBandwidthSetsTheCpuSideOfAPlan() throws Exception {
        var slow = cpuRun("--ram-bandwidth", "20");
        var fast = cpuRun("--ram-bandwidth", "200");
        assertThat(slow.get("decode_tokens_per_s").asDouble()).isLessThan(fast.get("decode_tokens_per_s").asDouble());
        assertThat(slow.get("speed").get("basis").toString()).contains("--ram-bandwidth");
        assertThat(CliRun.of("fit", "--gpu", "none", "--ram", "16", "--ram-bandwidth", "0").exit()).isEqualTo(2);
    }

    @Test
    void threadsSetTheCpuSideOfAPlanAndItsCommand() throws Exception {
        var two = cpuRun("--threads", "2");
        var eight = cpuRun("--threads", "8");
        assertThat(two.get("prefill_tokens_per_s").asDouble()).isLessThan(eight.get("prefill_tokens_per_s").asDouble());
        assertThat(two.get("speed").get("basis").get("accelerator").asText()).contains("2 threads");
        assertThat(two.toString()).contains(" -t 2");
        assertThat(eight.toString()).contains(" -t 8");
        assertThat(CliRun.of("fit", "--gpu", "none", "--ram", "16", "--threads", "0").exit()).isEqualTo(2);
        assertThat(CliRun.of("fit", "--gpu", "none", "--ram", "16", "--threads", "0").err()).contains("--threads must be");
    }

    @Test
    void aCopyBandwidthTheUserMeasuredCountsAsAMeasurement() throws Exception {
        var copy = cpuRun("--ram-copy", "43.2");
        // a copy of 43.2 GB/s counts as 43.2 / 0.54 = 80 GB/s datasheet-equivalent, the figure --ram-bandwidth takes
        var same = cpuRun("--ram-bandwidth", "80");
        assertThat(copy.get("decode_tokens_per_s").asDouble()).isEqualTo(same.get("decode_tokens_per_s").asDouble());
        assertThat(copy.get("speed").get("basis").get("accelerator").asText()).contains("copy 43.2 GB/s", "--ram-copy");
        CliRun both = CliRun.of("fit", "--gpu", "none", "--ram-copy", "40", "--ram-bandwidth", "80");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--ram-copy and --ram-bandwidth");
    }
}
