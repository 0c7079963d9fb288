package dev.runyard.app.cli;

import dev.runyard.app.testing.Le;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.quant.GgmlType;
import dev.runyard.core.quant.GgufFileType;
import dev.runyard.core.quant.GgufTypeChooser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** A Q4_K_M llama GGUF whose tensors are those the inventory predicts, with the types llama-quantize picks. */
    static byte[] tinyLlama(ModelArchitecture arch) {
        List<Tensor> tensors = InventoryBuilder.gguf(arch).tensors();
        List<GgmlType> types = GgufTypeChooser.choose(tensors, GgufFileType.Q4_K_M,
                new GgufTypeChooser.ModelFacts("llama", 4, 2, 0, false, false), GgufTypeChooser.Options.STOCK);
        Le kv = new Le();
        kv.str("general.architecture").u32(8).str("llama");
        kv.str("general.file_type").u32(4).u32(15);
        kv.str("llama.context_length").u32(4).u32(4096);
        kv.str("llama.embedding_length").u32(4).u32(256);
        kv.str("llama.block_count").u32(4).u32(4);
        kv.str("llama.feed_forward_length").u32(4).u32(512);
        kv.str("llama.attention.head_count").u32(4).u32(4);
        kv.str("llama.attention.head_count_kv").u32(4).u32(2);
        kv.str("llama.attention.key_length").u32(4).u32(64);
        kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(1024);
        for (int i = 0; i < 1024; i++) {
            kv.str("t" + i);
        }
        Le f = new Le();
        f.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.size()).u64(10).raw(kv.toByteArray());
        long offset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            long[] shape = t.shape();
            f.str(t.name()).u32(shape.length);
            for (long d : shape) {
                f.u64(d);
            }
            f.u32(types.get(i).id()).u64(offset);
            offset += (types.get(i).bytes(t.elements(), t.ne0()) + 31) / 32 * 32;
        }
        f.raw(new byte[(int) ((f.size() + 31) / 32 * 32 - f.size())]).raw(new byte[(int) offset]);
        return f.toByteArray();
    }

    @Test
    void usesTheFilesExactBytesAndMetadata() throws Exception {
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.parse(CONFIG, "test"));
        Path file = dir.resolve("tiny-Q4_K_M.gguf");
        Files.write(file, tinyLlama(arch));
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
