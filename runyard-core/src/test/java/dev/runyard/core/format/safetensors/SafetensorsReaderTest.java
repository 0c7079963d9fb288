package dev.runyard.core.format.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsReaderTest {
    @TempDir
    Path dir;

    static SafetensorsWriter small() {
        return new SafetensorsWriter().meta("format", "pt")
                .tensor("model.embed_tokens.weight", SafetensorsDtype.BF16, 100, 64)
                .tensor("model.norm.weight", SafetensorsDtype.F32, 64)
                .tensor("lm_head.weight", SafetensorsDtype.F8_E4M3, 100, 64)
                .tensor("step", SafetensorsDtype.I64);
    }

    @Test
    void singleFileCountsAndBytes() throws Exception {
        SafetensorsHeader h = SafetensorsReader.read(small().write(dir.resolve("model.safetensors")));
        assertThat(h.metadata()).containsEntry("format", "pt");
        assertThat(h.tensors()).hasSize(4);
        assertThat(h.parameterCount()).isEqualTo(6400 + 64 + 6400 + 1);
        assertThat(h.tensorBytes()).isEqualTo(12_800 + 256 + 6400 + 8);
        assertThat(h.bytesByDtype()).containsExactly(Map.entry(SafetensorsDtype.F8_E4M3, 6400L),
                Map.entry(SafetensorsDtype.BF16, 12_800L), Map.entry(SafetensorsDtype.F32, 256L),
                Map.entry(SafetensorsDtype.I64, 8L));
        assertThat(h.dominantDtype()).contains(SafetensorsDtype.BF16);
    }

    @Test
    void shardedIndexWithConfigQuantMethod() throws Exception {
        new SafetensorsWriter().tensor("a.weight", SafetensorsDtype.BF16, 32, 32)
                .write(dir.resolve("model-00001-of-00002.safetensors"));
        new SafetensorsWriter().tensor("b.weight", SafetensorsDtype.I32, 16, 4).tensor("b.scales", SafetensorsDtype.F16, 16)
                .write(dir.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(dir.resolve(SafetensorsIndex.FILE_NAME), """
                {"metadata": {"total_size": 2336}, "weight_map": {"a.weight": "model-00001-of-00002.safetensors",
                 "b.weight": "model-00002-of-00002.safetensors", "b.scales": "model-00002-of-00002.safetensors"}}""");
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "qwen3", "max_position_embeddings": 40960,
                 "quantization_config": {"quant_method": "awq", "bits": 4}}""");
        SafetensorsModel m = SafetensorsModel.read(dir);
        assertThat(m.header().parameterCount()).isEqualTo(1024 + 64 + 16);
        assertThat(m.header().tensorBytes()).isEqualTo(2048 + 256 + 32);
        assertThat(m.architecture()).contains("qwen3");
        assertThat(m.contextLength()).hasValue(40960);
        assertThat(m.quantMethod()).contains("awq");
    }

    @Test
    void indexMayNotPointOutsideItsDirectory() throws Exception {
        Files.writeString(dir.resolve(SafetensorsIndex.FILE_NAME), "{\"weight_map\": {\"a\": \"../evil.safetensors\"}}");
        assertThatThrownBy(() -> SafetensorsModel.read(dir)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("weight_map.a");
    }

    @Test
    void inconsistentOffsetsAreRejected() {
        String json = "{\"w\": {\"dtype\": \"F16\", \"shape\": [4, 4], \"data_offsets\": [0, 30]}}";
        byte[] b = new SafetensorsWriter().bytes(json);
        byte[] padded = Arrays.copyOf(b, b.length + 64);
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of(padded), "x.safetensors"))
                .isInstanceOf(SafetensorsFormatException.class).hasMessageContaining("needs 32");
        String overlap = "{\"a\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [0, 4]},"
                + "\"b\": {\"dtype\": \"U8\", \"shape\": [4], \"data_offsets\": [2, 6]}}";
        byte[] o = Arrays.copyOf(new SafetensorsWriter().bytes(overlap), 200);
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of(o), "o")).hasMessageContaining("overlaps");
        String dup = "{\"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [0, 1]},"
                + "\"a\": {\"dtype\": \"U8\", \"shape\": [1], \"data_offsets\": [0, 1]}}";
        byte[] d = Arrays.copyOf(new SafetensorsWriter().bytes(dup), 200);
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of(d), "d")).isInstanceOf(SafetensorsFormatException.class);
    }

    @Test
    void hugeHeaderLengthAndTruncationAreRejected() {
        byte[] b = small().bytes();
        byte[] huge = b.clone();
        huge[7] = 0x7f;
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of(huge), "h")).hasMessageContaining("at byte 0");
        byte[] cut = Arrays.copyOf(b, b.length - 1);
        assertThatThrownBy(() -> SafetensorsReader.read(ByteSource.of(cut), "c")).hasMessageContaining("truncated");
    }

    @Test
    void mutationsEndInAHeaderOrAFormatException() throws Exception {
        byte[] base = small().bytes();
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 0;
        for (int len = 0; len <= base.length; len += 3, n++) {
            check(Arrays.copyOf(base, len));
        }
        for (int i = 0; i < 3000; i++, n++) {
            byte[] b = base.clone();
            b[rnd.nextInt(Math.min(b.length, 400))] = (byte) rnd.nextInt(256);
            check(b);
        }
        assertThat(n).isGreaterThan(3000);
    }

    private static void check(byte[] b) throws Exception {
        try {
            SafetensorsHeader h = SafetensorsReader.read(ByteSource.of(b), "fuzz");
            h.parameterCount();
            h.tensorBytes();
        } catch (SafetensorsFormatException e) {
            assertThat(e.kind()).isEqualTo(RunyardException.Kind.BAD_INPUT);
        }
    }
}
