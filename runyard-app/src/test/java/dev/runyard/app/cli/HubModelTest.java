package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.remote.FakeServer;
import org.junit.jupiter.api.Test;

/** Any Hub repo on demand: a repo id outside the catalog is read from the Hub (here a local fake) and planned. */
class HubModelTest {
    static final String CONFIG = "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":2048,"
            + "\"intermediate_size\":8192,\"num_hidden_layers\":16,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
            + "\"head_dim\":64,\"vocab_size\":128256,\"tie_word_embeddings\":true,\"max_position_embeddings\":131072,"
            + "\"torch_dtype\":\"bfloat16\"}";

    @Test
    void anyRepoIsReadFromTheHubAndPlanned() throws Exception {
        try (FakeServer hub = new FakeServer()) {
            hub.json("/someone/tiny-llama-finetune/resolve/main/config.json", CONFIG);
            String url = hub.url("");
            CliRun est = CliRun.of("estimate", "--model", "someone/tiny-llama-finetune", "--quant", "Q8_0", "--ctx", "4096",
                    "--gpu", "RTX 4090", "--ram", "64", "--hub-url", url, "--json");
            assertThat(est.exit()).as(est.err()).isZero();
            JsonNode j = new ObjectMapper().readTree(est.out());
            // Llama-3.2-1B's shape: 1.24 B parameters, tied embeddings.
            assertThat(j.get("params").asLong()).isBetween(1_230_000_000L, 1_240_000_000L);
            assertThat(j.get("fit").asText()).isEqualTo("full_gpu");
            CliRun run = CliRun.of("run", "someone/tiny-llama-finetune", "--engine", "vllm", "--gpu", "RTX 4090", "--ram",
                    "64", "--hub-url", url);
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("vllm serve someone/tiny-llama-finetune ");
            CliRun missing = CliRun.of("run", "someone/not-there", "--engine", "vllm", "--gpu", "RTX 4090", "--hub-url", url);
            assertThat(missing.exit()).isEqualTo(3);
            assertThat(missing.err()).contains("not in the catalog nor on the Hub");
        }
    }

    @Test
    void anUnreachableHubFailsInOneLine() {
        // A port nothing listens on: the lookup gives up after its retries with one line, not a stack trace.
        CliRun r = CliRun.of("calc", "someone/anything", "--gpu", "RTX 4090", "--hub-url", "http://127.0.0.1:9");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
        assertThat(r.err()).contains("cannot be reached").doesNotContain("Exception");
    }
}
