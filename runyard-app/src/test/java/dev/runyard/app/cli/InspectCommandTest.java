package dev.runyard.app.cli;

import dev.runyard.app.testing.Le;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A GGUF v3 file: llama, file_type 7 (Q8_0), context 2048, a 300-token vocabulary, and two tensors:
     * token_embd Q8_0 64x300 (600 blocks x 34 B = 20,400 B) and blk.0.attn_norm F32 64 (256 B).
     */
    static byte[] gguf() {
        Le kv = new Le();
        kv.str("general.architecture").u32(8).str("llama");
        kv.str("general.file_type").u32(4).u32(7);
        kv.str("llama.context_length").u32(4).u32(2048);
        kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(300);
        for (int i = 0; i < 300; i++) {
            kv.str("t" + i);
        }
        Le f = new Le();
        f.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(2).u64(4).raw(kv.toByteArray());
        f.str("token_embd.weight").u32(2).u64(64).u64(300).u32(8).u64(0);
        f.str("blk.0.attn_norm.weight").u32(1).u64(64).u32(0).u64(20_416); // 20,400 rounded up to 32
        f.raw(new byte[(int) ((f.size() + 31) / 32 * 32 - f.size())]).raw(new byte[20_416 + 256]);
        return f.toByteArray();
    }

    @Test
    void ggufJsonHasTheContractFields() throws Exception {
        Path p = dir.resolve("tiny.gguf");
        Files.write(p, gguf());
        CliRun r = CliRun.of("inspect", p.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("gguf");
        assertThat(j.get("architecture").asText()).isEqualTo("llama");
        assertThat(j.get("file_type").asText()).isEqualTo("Q8_0");
        assertThat(j.get("context_length").asLong()).isEqualTo(2048);
        assertThat(j.get("tensor_count").asInt()).isEqualTo(2);
        assertThat(j.get("params").asLong()).isEqualTo(19_264);
        assertThat(j.get("tensor_bytes").asLong()).isEqualTo(20_656);
        assertThat(j.get("bytes_by_type").get("Q8_0").asLong()).isEqualTo(20_400);
        assertThat(j.get("bytes_by_type").get("F32").asLong()).isEqualTo(256);
        assertThat(j.get("bits_per_weight").asDouble()).isCloseTo(20_656 * 8.0 / 19_264, org.assertj.core.data.Offset.offset(1e-3));
        JsonNode tokens = j.get("metadata").get("tokenizer.ggml.tokens");
        assertThat(tokens.get("element_type").asText()).isEqualTo("string");
        assertThat(tokens.get("length").asLong()).isEqualTo(300);
    }

    @Test
    void textOutputIsAShortSummary() throws Exception {
        Path p = dir.resolve("tiny.gguf");
        Files.write(p, gguf());
        CliRun r = CliRun.of("inspect", p.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Architecture:", "llama", "Parameters:", "19,264", "KiB");
    }

    @Test
    void corruptFileExitsTwoWithOneLineNamingTheOffset() throws Exception {
        byte[] b = gguf();
        b[16] = (byte) 0xff; // kv_count low byte: 255 KVs cannot be read from what follows
        b[20] = (byte) 0x7f;
        Path p = dir.resolve("bad.gguf");
        Files.write(p, b);
        CliRun r = CliRun.of("inspect", p.toString(), "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.gguf", "at byte 16", "kv_count");
    }

    @Test
    void missingPathExitsThree() {
        CliRun r = CliRun.of("inspect", dir.resolve("nope.gguf").toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("nope.gguf");
    }

    @Test
    void safetensorsDirectoryWithConfig() throws Exception {
        String header = "{\"__metadata__\": {\"format\": \"pt\"},"
                + "\"w\": {\"dtype\": \"BF16\", \"shape\": [8, 16], \"data_offsets\": [0, 256]},"
                + "\"n\": {\"dtype\": \"F32\", \"shape\": [16], \"data_offsets\": [256, 320]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(new byte[320]);
        Files.write(dir.resolve("model.safetensors"), out.toByteArray());
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"max_position_embeddings\": 8192,"
                + " \"quantization_config\": {\"quant_method\": \"fp8\"}}");
        CliRun r = CliRun.of("inspect", dir.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.get("format").asText()).isEqualTo("safetensors");
        assertThat(j.get("architecture").asText()).isEqualTo("llama");
        assertThat(j.get("context_length").asLong()).isEqualTo(8192);
        assertThat(j.get("quant_method").asText()).isEqualTo("fp8");
        assertThat(j.get("file_type").asText()).isEqualTo("BF16");
        assertThat(j.get("params").asLong()).isEqualTo(144);
        assertThat(j.get("tensor_bytes").asLong()).isEqualTo(320);
        assertThat(j.get("bytes_by_type").get("BF16").asLong()).isEqualTo(256);
        assertThat(j.get("metadata").get("format").asText()).isEqualTo("pt");
    }

}
