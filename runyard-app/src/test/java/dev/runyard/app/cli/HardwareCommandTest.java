package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HardwareCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long GIB = 1L << 30;

    static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    @Test
    void detectsThisMachineWithTheContractFields() throws Exception {
        JsonNode j = json(CliRun.of("hardware", "--json"));
        assertThat(j.get("ram_total_bytes").asLong()).isPositive();
        assertThat(j.get("ram_available_bytes").asLong()).isBetween(0L, j.get("ram_total_bytes").asLong());
        assertThat(j.get("cpu").get("model").asText()).isNotBlank();
        assertThat(j.get("cpu").get("threads").asInt()).isPositive();
        assertThat(j.get("cpu").get("cores").asInt()).isBetween(1, j.get("cpu").get("threads").asInt());
        assertThat(j.get("cpu").get("isa").isArray()).isTrue();
        assertThat(j.get("os").asText()).isNotBlank();
        assertThat(j.get("gpus").isArray()).isTrue();
        assertThat(j.get("other_gpu_processes").isArray()).isTrue();
        assertThat(j.get("unified_memory").isBoolean()).isTrue();
        assertThat(j.get("warnings").isArray()).isTrue();
        for (JsonNode g : j.get("gpus")) {
            assertThat(g.has("accelerator_id") && g.has("bandwidth_gbs") && g.has("backend")).isTrue();
            assertThat(g.get("memory_total_bytes").asLong()).isPositive();
        }
    }

    @Test
    void textOutputNamesCpuRamAndGpus() {
        CliRun r = CliRun.of("hardware");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("CPU:").contains("RAM:").containsAnyOf("GPU", "GPUs: none found");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void gpuOverrideResolvesTheDatabaseEntry() throws Exception {
        JsonNode j = json(CliRun.of("hardware", "--json", "--gpu", "2x RTX 3090", "--ram", "128"));
        assertThat(j.get("gpus")).hasSize(2);
        JsonNode g = j.get("gpus").get(1);
        assertThat(g.get("accelerator_id").asText()).isEqualTo("nv-rtx3090");
        assertThat(g.get("memory_total_bytes").asLong()).isEqualTo(24 * GIB);
        assertThat(g.get("bandwidth_gbs").asDouble()).isEqualTo(936.0);
        assertThat(g.get("backend").asText()).isEqualTo("cuda");
        assertThat(j.get("ram_total_bytes").asLong()).isEqualTo(128 * GIB);
        assertThat(j.get("overrides")).hasSize(2);
    }

    @Test
    void gpusAndVramChangeCountAndMemory() throws Exception {
        JsonNode j = json(CliRun.of("hardware", "--json", "--gpu", "H100", "--gpus", "8", "--vram", "94"));
        assertThat(j.get("gpus")).hasSize(8);
        assertThat(j.get("gpus").get(7).get("index").asInt()).isEqualTo(7);
        assertThat(j.get("gpus").get(7).get("memory_total_bytes").asLong()).isEqualTo(94 * GIB);
    }

    @Test
    void appleGpuBringsUnifiedMemoryWithTheGpuLimit() throws Exception {
        JsonNode j = json(CliRun.of("hardware", "--json", "--gpu", "M3 Max 64GB"));
        assertThat(j.get("unified_memory").asBoolean()).isTrue();
        assertThat(j.get("ram_total_bytes").asLong()).isEqualTo(64 * GIB);
        assertThat(j.get("gpus").get(0).get("memory_total_bytes").asLong()).isEqualTo(48 * GIB);
        assertThat(j.get("gpus").get(0).get("backend").asText()).isEqualTo("metal");
        assertThat(j.get("unified_memory_limits").get("gpu_limit_bytes").asLong()).isEqualTo(48 * GIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--gpus=0", "--gpus=-1", "--ram=-4", "--ram=0", "--ram=70000", "--vram=65537",
        "--vram=NaN", "--ram=lots", "--gpus=two"})
    void badNumbersAreOneLineAndExit2(String option) {
        CliRun r = CliRun.of("hardware", "--json", "--gpu", "RTX 4090", option);
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).startsWith("runyard:").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownGpuIsExit3WithTheFiveClosest() {
        CliRun r = CliRun.of("hardware", "--gpu", "RTX 9999 Ultra");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("unknown GPU").contains("closest:");
        String closest = r.err().substring(r.err().indexOf("closest:"));
        assertThat(closest.split(",")).hasSize(5);
    }

    @Test
    void emptyGpuIsExit2() {
        CliRun r = CliRun.of("hardware", "--gpu", " ");
        assertThat(r.exit()).isEqualTo(2);
    }
}
