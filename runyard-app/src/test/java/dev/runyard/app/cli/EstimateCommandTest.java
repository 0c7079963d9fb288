package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static String llamaConfig() throws URISyntaxException {
        return Path.of(EstimateCommandTest.class.getResource("/configs/llama-3.1-8b.json").toURI()).toString();
    }

    @Test
    void llama31With4BitQuantPrintsTheContractFields() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "Q4_K_M", "--ctx", "8192", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        // Llama 3.1 8B: 8.03 B parameters (model card); llama-bench prints 4.58 GiB for the stock Q4_K_M.
        assertThat(j.get("params").asDouble()).isCloseTo(8.03e9, org.assertj.core.data.Percentage.withPercentage(0.5));
        assertThat(j.get("weights_bytes").asLong() / (double) (1L << 30)).isCloseTo(4.58,
                org.assertj.core.data.Offset.offset(0.01));
        // 32 layers x 8192 cells x 8 KV heads x 128 x 2 (K,V) x 2 bytes = 1 GiB exactly.
        assertThat(j.get("kv_cache_bytes").asLong()).isEqualTo(1L << 30);
        assertThat(j.get("compute_bytes").asLong()).isPositive();
        long parts = j.get("weights_bytes").asLong() + j.get("kv_cache_bytes").asLong() + j.get("compute_bytes").asLong()
                + j.get("overhead_bytes").asLong();
        assertThat(j.get("total_bytes").asLong()).isEqualTo(parts);
        long devices = 0;
        for (JsonNode d : j.get("devices")) {
            devices += d.get("total_bytes").asLong();
        }
        assertThat(devices).isEqualTo(j.get("total_bytes").asLong());
        assertThat(j.get("breakdown")).isNotEmpty();
        assertThat(j.get("breakdown").get(0).get("formula").asText()).isNotBlank();
    }

    @Test
    void jsonOutputIsOneDocumentAndNothingElse() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "q8_0", "--json");
        assertThat(r.exit()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.get("quant").asText()).isEqualTo("Q8_0");
    }

    @Test
    void vllmReportsPerGpuCapacity() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "bf16", "--engine", "vllm",
                "--gpu-memory-gib", "80", "--ctx", "131072", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        // 32 layers x 8 KV heads x 128 x 2 x 2 bytes = 131,072 bytes per token (vLLM log in vllm_logs.jsonl).
        assertThat(j.get("kv_bytes_per_token").asLong()).isEqualTo(131072);
        assertThat(j.get("kv_capacity_tokens").asLong()).isPositive();
        assertThat(j.get("max_concurrency").asDouble()).isPositive();
    }

    @Test
    void missingConfigIsOneLineAndExit2() {
        CliRun r = CliRun.of("estimate", "--config", "/nonexistent/config.json", "--quant", "Q4_K_M");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("runyard: config file not found").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void notJsonIsExit2(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "this is not json");
        CliRun r = CliRun.of("estimate", "--config", f.toString(), "--quant", "Q4_K_M");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not valid JSON").doesNotContain("at com.");
    }

    @Test
    void configWithoutHiddenSizeNamesTheField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"model_type\": \"llama\", \"num_hidden_layers\": 2, \"vocab_size\": 100}");
        CliRun r = CliRun.of("estimate", "--config", f.toString(), "--quant", "Q4_K_M");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("hidden_size");
    }

    @Test
    void unknownQuantListsValidNames() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "Q9_Z");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown quantization").contains("Q4_K_M").contains("awq");
    }

    @Test
    void contextOutOfRangeIsExit2() throws Exception {
        assertThat(CliRun.of("estimate", "--config", llamaConfig(), "--quant", "Q4_K_M", "--ctx", "0").exit()).isEqualTo(2);
        assertThat(CliRun.of("estimate", "--config", llamaConfig(), "--quant", "Q4_K_M", "--ctx", "10000001").exit())
                .isEqualTo(2);
    }

    @Test
    void contradictoryParallelismIsExit2() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "bf16", "--engine", "vllm", "--tp", "3",
                "--gpus", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--tp 3");
    }

    @Test
    void withAGpuTheEstimateSaysWhereItRunsAndHowFast() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "Q4_K_M", "--ctx", "8192", "--gpu",
                "RTX 4090", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.get("fit").asText()).isEqualTo("full_gpu");
        assertThat(j.get("placement").get("device_bytes").get(0).asLong()).isLessThan(24L << 30);
        // speed_cases.jsonl: llama-bench measures 124.65 tok/s for Llama 3 8B Q4_K_M on 2x RTX 4090 (layer split);
        // one card is at least as fast.
        assertThat(j.get("decode_tokens_per_s").asDouble()).isBetween(90.0, 170.0);
        assertThat(j.get("prefill_tokens_per_s").asDouble()).isPositive();
        CliRun small = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "BF16", "--ctx", "8192", "--gpu",
                "RTX 3060 12GB", "--json");
        assertThat(MAPPER.readTree(small.out()).get("fit").asText()).isEqualTo("partial_offload");
    }

    @Test
    void tensorParallelMustDivideTheHeads() throws Exception {
        CliRun r = CliRun.of("estimate", "--config", llamaConfig(), "--quant", "bf16", "--engine", "vllm", "--tp", "3",
                "--gpus", "4");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("32 attention heads").contains("--tp 3");
    }

    @Test
    void helpListsTheCommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("estimate").contains("fit");
    }

}
