package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CalcRunCompareTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode json(String... args) throws Exception {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    @Test
    void calcGivesEveryQuantAtEveryContextWithFitsAndMaxContext() throws Exception {
        JsonNode j = json("calc", "Qwen/Qwen3-32B", "--gpu", "RTX 4090", "--ram", "64", "--json");
        assertThat(j.get("contexts")).extracting(JsonNode::asLong).contains(4096L, 8192L, 32768L);
        assertThat(j.get("rows")).hasSize(8);
        long prevWeights = 0;
        for (JsonNode row : j.get("rows")) {
            long prevTotal = 0;
            for (JsonNode c : row.get("cells")) {
                assertThat(c.get("total_bytes").asLong()).isGreaterThanOrEqualTo(prevTotal);
                prevTotal = c.get("total_bytes").asLong();
                assertThat(c.get("weights_bytes").asLong() + c.get("kv_cache_bytes").asLong()
                        + c.get("overhead_bytes").asLong()).isEqualTo(c.get("total_bytes").asLong());
            }
            assertThat(row.get("weights_bytes").asLong()).isGreaterThan(prevWeights);
            prevWeights = row.get("weights_bytes").asLong();
        }
        // 32B at Q4_K_M fits a 24 GB card at 8K but not at 128K.
        JsonNode q4 = j.get("rows").get(3);
        assertThat(q4.get("quant").asText()).isEqualTo("Q4_K_M");
        assertThat(q4.get("cells").get(1).get("fit").asText()).isEqualTo("full_gpu");
        assertThat(q4.get("max_context_full_gpu").asLong()).isBetween(8192L, 65536L);
    }

    @Test
    void runPrintsEngineSpecificCommands() throws Exception {
        assertThat(json("run", "Qwen/Qwen3-32B", "--engine", "vllm", "--gpu", "2x H100", "--json").get("command").asText())
                .startsWith("vllm serve Qwen/Qwen3-32B --tensor-parallel-size ").contains("--max-model-len 32768")
                .contains("--gpu-memory-utilization");
        assertThat(json("run", "Qwen/Qwen3-8B", "--engine", "sglang", "--gpu", "H100", "--json").get("command").asText())
                .startsWith("python -m sglang.launch_server --model-path Qwen/Qwen3-8B --tp-size 1 --context-length ");
        assertThat(json("run", "Qwen/Qwen2.5-32B-Instruct", "--engine", "llama.cpp", "--gpu", "RTX 4090", "--ram", "64",
                "--json").get("command").asText()).matches("llama-server -hf [\\w.-]+/Qwen2\\.5-32B-Instruct-GGUF:\\S+ -c .*")
                .contains(" -ngl ");
        // No listed file at that quant: refused in one line, naming what is published and how to convert.
        CliRun none = CliRun.of("run", "Qwen/Qwen3.6-27B", "--engine", "llama.cpp", "--quant", "Q5_K_M", "--gpu",
                "RTX 4090", "--ram", "64");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("holds Q5_K_M").contains("unsloth/Qwen3.6-27B-GGUF (UD-Q4_K_XL")
                .contains("convert_hf_to_gguf.py").doesNotContain("Exception");
        assertThat(json("run", "Qwen/Qwen3-8B", "--engine", "ollama", "--gpu", "RTX 3060 12GB", "--ram", "32", "--json")
                .get("command").asText()).contains("ollama run hf.co/");
        CliRun noMlx = CliRun.of("run", "Qwen/Qwen3-8B", "--engine", "mlx", "--gpu", "M3 Max 64GB");
        assertThat(noMlx.exit()).isEqualTo(2);
        assertThat(noMlx.err()).contains("no 4-bit MLX repository").contains("mlx_lm.convert --hf-path Qwen/Qwen3-8B");
        assertThat(json("run", "meta-llama/Llama-3.1-8B-Instruct", "--engine", "mlx", "--gpu", "M3 Max 64GB", "--json")
                .get("command").asText()).startsWith("mlx_lm.server --model mlx-community/");
    }

    @Test
    void runRefusesWhatCannotWork() {
        assertThat(CliRun.of("run", "Qwen/Qwen3-8B", "--engine", "mlx", "--gpu", "RTX 4090").exit()).isEqualTo(2);
        assertThat(CliRun.of("run", "Qwen/Qwen3-8B", "--engine", "vllm", "--gpu", "RTX 4090 + RTX 3090").exit()).isEqualTo(2);
        assertThat(CliRun.of("run", "No/SuchModel", "--engine", "vllm").exit()).isEqualTo(3);
        assertThat(CliRun.of("run", "Qwen/Qwen3-8B", "--engine", "tensorrt").exit()).isEqualTo(2);
    }

    @Test
    void compareListsModelsSideBySide() throws Exception {
        JsonNode j = json("compare", "Qwen/Qwen3-32B", "google/gemma-3-27b-it", "--gpu", "RTX 4090", "--ram", "64",
                "--json");
        assertThat(j.get("models")).hasSize(2);
        for (JsonNode m : j.get("models")) {
            assertThat(m.get("memory_q4_k_m_8k_bytes").asLong()).isLessThan(m.get("memory_q8_0_8k_bytes").asLong());
            assertThat(m.get("best_variant").get("fit").asText()).isEqualTo("full_gpu");
        }
        CliRun text = CliRun.of("compare", "Qwen/Qwen3-32B", "google/gemma-3-27b-it", "--gpu", "RTX 4090", "--ram", "64");
        assertThat(text.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(CliRun.of("compare", "Qwen/Qwen3-32B").exit()).isEqualTo(2);
    }

    @Test
    void howManyGpusFindsTheSmallestGroup() throws Exception {
        JsonNode j = json("calc", "meta-llama/Llama-3.1-405B-Instruct", "--how-many", "H100", "--ctx", "8192", "--json");
        java.util.Map<String, Integer> byPlan = new java.util.HashMap<>();
        j.get("least_gpus").forEach(r -> byPlan.put(r.get("engine").asText() + " " + r.get("quant").asText(),
                r.get("gpus").asInt()));
        // 405B in BF16 is ~810 GB: more than 8 x 80 GB; FP8 halves it.
        assertThat(byPlan.get("vllm bf16")).isGreaterThan(8);
        assertThat(byPlan.get("vllm fp8")).isLessThanOrEqualTo(8).isLessThan(byPlan.get("vllm bf16"));
        assertThat(byPlan.get("llama.cpp Q4_K_M")).isLessThan(byPlan.get("llama.cpp Q8_0"));
    }
}
