package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code estimate --gguf}: exact bytes from a real (generated) file, architecture from its metadata. */
class EstimateGgufTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String CONFIG = "{\"model_type\": \"llama\", \"hidden_size\": 256, \"num_hidden_layers\": 4,"
            + " \"num_attention_heads\": 4, \"num_key_value_heads\": 2, \"head_dim\": 64, \"intermediate_size\": 512,"
            + " \"vocab_size\": 1024, \"tie_word_embeddings\": false, \"max_position_embeddings\": 4096}";

    @TempDir
    Path dir;

    @Test
    void usesTheFilesExactBytesAndMetadata() throws Exception {
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.parse(CONFIG, "test"));
        Path file = dir.resolve("tiny-Q4_K_M.gguf");
        Files.write(file, new TinyGguf().whole()); // the tensors the inventory predicts, the types llama-quantize picks
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, CONFIG);

        CliRun fromFile = CliRun.of("estimate", "--gguf", file.toString(), "--ctx", "2048", "--json");
        assertThat(fromFile.exit()).as(fromFile.err()).isZero();
        JsonNode g = MAPPER.readTree(fromFile.out());
        assertThat(g.get("quant").asText()).isEqualTo("Q4_K_M");

        CliRun fromConfig = CliRun.of("estimate", "--config", cfg.toString(), "--quant", "Q4_K_M", "--ctx", "2048", "--json");
        JsonNode c = MAPPER.readTree(fromConfig.out());
        // The generated file holds exactly the tensors and types the predictor chooses, so both must agree.
        assertThat(g.get("weights_bytes").asLong()).isEqualTo(c.get("weights_bytes").asLong());
        assertThat(g.get("kv_cache_bytes").asLong()).isEqualTo(c.get("kv_cache_bytes").asLong());
        assertThat(g.get("params").asLong()).isEqualTo(c.get("params").asLong());
        assertThat(g.get("breakdown").get(0).get("formula").asText()).contains("exact tensor bytes");
    }

    @Test
    void missingGgufIsExit3() {
        CliRun r = CliRun.of("estimate", "--gguf", dir.resolve("none.gguf").toString());
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void quantIsRequiredWithoutAFile() throws Exception {
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, CONFIG);
        CliRun r = CliRun.of("estimate", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--quant");
    }
}
