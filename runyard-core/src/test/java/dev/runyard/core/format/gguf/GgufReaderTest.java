package dev.runyard.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import dev.runyard.core.quant.GgmlType;
import dev.runyard.core.quant.GgufFileType;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufReaderTest {
    @TempDir
    Path dir;

    // Hand-worked sizes of GgufFixtures.tinyLlama (EMBD 256, VOCAB 1000, FF 512, KV 64):
    // Q4_K = 144 B per 256, Q6_K = 210 B per 256, Q8_0 = 34 B per 32.
    static final long LAYER_PARAMS = 256 + 65_536 + 16_384 + 16_384 + 65_536 + 256 + 3 * 131_072; // 557,568
    static final long LAYER_BYTES = 1024 + 36_864 + 9_216 + 13_440 + 69_632 + 1024 + 2 * 73_728 + 262_144; // 540,800

    @Test
    void tinyLlamaHasExactCountsAndBytes() throws Exception {
        GgufHeader h = GgufReader.read(GgufFixtures.tinyLlama().write(dir.resolve("tiny.gguf")));
        assertThat(h.version()).isEqualTo(3);
        assertThat(h.architecture()).contains("llama");
        assertThat(h.fileType()).contains(GgufFileType.Q4_K_M);
        assertThat(h.contextLength()).hasValue(4096);
        assertThat(h.tensors()).hasSize(3 + 2 * 9);
        assertThat(LAYER_PARAMS).isEqualTo(557_568);
        assertThat(h.parameterCount()).isEqualTo(256_000 + 256 + 256_000 + 2 * LAYER_PARAMS).isEqualTo(1_627_392);
        assertThat(h.tensorBytes()).isEqualTo(144_000 + 1024 + 210_000 + 2 * LAYER_BYTES).isEqualTo(1_436_624);
        assertThat(h.bytesByType()).containsExactly(
                Map.entry(GgmlType.F32, 5_120L), Map.entry(GgmlType.F16, 524_288L),
                Map.entry(GgmlType.Q8_0, 139_264L), Map.entry(GgmlType.Q4_K, 531_072L),
                Map.entry(GgmlType.Q6_K, 236_880L));
        assertThat(h.bytesPerLayer()).containsExactly(Map.entry(0, LAYER_BYTES), Map.entry(1, LAYER_BYTES));
        assertThat(h.bitsPerWeight()).isEqualTo(1_436_624 * 8.0 / 1_627_392);
        assertThat(h.alignment()).isEqualTo(32);
        assertThat(h.dataOffset() % 32).isZero();
        assertThat(h.dataOffset()).isGreaterThanOrEqualTo(h.headerBytes());
    }

    @Test
    void longArraysAreSummarisedNotKept() throws Exception {
        GgufHeader h = GgufReader.read(GgufFixtures.tinyLlama().write(dir.resolve("tiny.gguf")));
        GgufArray tokens = (GgufArray) h.metadata().get("tokenizer.ggml.tokens");
        assertThat(tokens.elementType()).isEqualTo(GgufValueType.STRING);
        assertThat(tokens.length()).isEqualTo(1000);
        assertThat(tokens.head()).isEmpty();
        GgufArray kv = (GgufArray) h.metadata().get("llama.attention.head_count_kv");
        assertThat(kv.head()).containsExactly(1L, 1L);
        assertThat(kv.complete()).isTrue();
        assertThat((Double) h.metadata().get("llama.attention.layer_norm_rms_epsilon")).isCloseTo(1e-5,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(h.string("general.name")).contains("tiny-llama");
    }

    @Test
    void numericArraysKeepOnlyTheirHead() {
        int[] values = new int[1000];
        Arrays.setAll(values, i -> i);
        byte[] b = new GgufWriter().i32Array("x.ids", values).bytes();
        GgufArray a = (GgufArray) GgufReader.read(ByteSource.of(b), "ids").metadata().get("x.ids");
        assertThat(a.length()).isEqualTo(1000);
        assertThat(a.head()).hasSize(GgufArray.HEAD_LIMIT).startsWith(0L, 1L, 2L);
        assertThat(a.complete()).isFalse();
    }

    @Test
    void streamAndChannelSourcesAgree() throws Exception {
        byte[] b = GgufFixtures.tinyLlama().bytes();
        GgufHeader fromStream = GgufReader.read(ByteSource.of(new ByteArrayInputStream(b), -1), "stream");
        GgufHeader fromBytes = GgufReader.read(ByteSource.of(b), "bytes");
        assertThat(fromStream.tensors()).isEqualTo(fromBytes.tensors());
        assertThat(fromStream.headerBytes()).isEqualTo(fromBytes.headerBytes());
    }

    @Test
    void moeExpertStacksAreThreeDimensional() {
        GgufHeader h = GgufReader.read(ByteSource.of(GgufFixtures.moe().bytes()), "moe");
        // router 256x8; gate/up 256x128x8 Q4_K (1024 blocks x 144 B); down 128x256x8 Q8_0 (8192 blocks x 34 B)
        assertThat(h.parameterCount()).isEqualTo(2_048 + 3 * 262_144L);
        assertThat(h.tensorBytes()).isEqualTo(8_192 + 2 * 147_456L + 278_528);
        assertThat(h.tensors()).filteredOn(t -> t.toTensor().isExpertStack()).hasSize(3)
                .allSatisfy(t -> assertThat(t.shape()).hasSize(3).endsWith(8L));
        assertThat(h.contextLength()).hasValue(32768);
        assertThat(h.fileType()).isEmpty();
    }

    @Test
    void customAlignmentIsHonoured() {
        byte[] b = new GgufWriter().alignment(64).tensor("a", GgmlType.F32, 3).tensor("b", GgmlType.F32, 5).bytes();
        GgufHeader h = GgufReader.read(ByteSource.of(b), "aligned");
        assertThat(h.alignment()).isEqualTo(64);
        assertThat(h.tensors().get(1).offset()).isEqualTo(64);
        assertThat(h.dataOffset() % 64).isZero();
    }

    @Test
    void version2IsAcceptedAndVersion1Rejected() {
        assertThat(GgufReader.read(ByteSource.of(new GgufWriter().version(2).bytes()), "v2").version()).isEqualTo(2);
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(new GgufWriter().version(1).bytes()), "v1"))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("at byte 4").hasMessageContaining("version");
        byte[] be = new GgufWriter().bytes();
        be[4] = 0;
        be[7] = 3;
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(be), "be")).hasMessageContaining("big-endian");
    }

    @Test
    void errorsNameFileOffsetAndField() {
        byte[] b = GgufFixtures.small();
        b[0] = 'X';
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(b), "bad.gguf"))
                .isInstanceOf(GgufFormatException.class)
                .hasMessageStartingWith("bad.gguf at byte 0 (magic)")
                .satisfies(e -> assertThat(((RunyardException) e).kind()).isEqualTo(RunyardException.Kind.BAD_INPUT));
        byte[] unknownType = new GgufWriter().tensor("x", GgmlType.F32, 4).bytes();
        int typeAt = 24 + 8 + 1 + 4 + 8; // fixed header, name length, "x", n_dims, dims[0]
        byte[] notBlockMultiple = unknownType.clone();
        notBlockMultiple[typeAt] = (byte) GgmlType.Q4_K.id();
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(notBlockMultiple), "f"))
                .hasMessageContaining("tensor 'x' type").hasMessageContaining("multiple of 256");
        unknownType[typeAt] = 99;
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(unknownType), "f"))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("unknown GGML type id 99")
                .hasMessageContaining("at byte " + typeAt);
    }

    @Test
    void truncatedTensorDataIsReported() {
        byte[] b = GgufFixtures.tinyLlama().withoutData().bytes();
        assertThatThrownBy(() -> GgufReader.read(ByteSource.of(b), "t.gguf"))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void splitSetsAreMerged() throws Exception {
        new GgufWriter().str("general.architecture", "llama").u32("llama.context_length", 8192)
                .u32("split.no", 0).u32("split.count", 3).u32("split.tensors.count", 4)
                .tensor("token_embd.weight", GgmlType.F16, 64, 10).write(dir.resolve("m-00001-of-00003.gguf"));
        new GgufWriter().u32("split.no", 1).u32("split.count", 3)
                .tensor("blk.0.attn_q.weight", GgmlType.Q8_0, 64, 64).tensor("blk.0.attn_norm.weight", GgmlType.F32, 64)
                .write(dir.resolve("m-00002-of-00003.gguf"));
        new GgufWriter().u32("split.no", 2).u32("split.count", 3)
                .tensor("output.weight", GgmlType.Q4_K, 256, 10).write(dir.resolve("m-00003-of-00003.gguf"));
        GgufHeader h = GgufSplit.read(dir.resolve("m-00001-of-00003.gguf"));
        assertThat(h.tensors()).extracting(GgufTensorInfo::name).containsExactly("token_embd.weight",
                "blk.0.attn_q.weight", "blk.0.attn_norm.weight", "output.weight");
        assertThat(h.parameterCount()).isEqualTo(640 + 4096 + 64 + 2560);
        assertThat(h.tensorBytes()).isEqualTo(1280 + 128 * 34 + 256 + 10 * 144);
        assertThat(h.contextLength()).hasValue(8192);
        assertThat(GgufSplit.shardPaths(dir.resolve("m-00002-of-00003.gguf"))).hasSize(3);

        Files.delete(dir.resolve("m-00003-of-00003.gguf"));
        assertThatThrownBy(() -> GgufSplit.read(dir.resolve("m-00001-of-00003.gguf")))
                .isInstanceOf(RunyardException.class).hasMessageContaining("missing GGUF shard")
                .satisfies(e -> assertThat(((RunyardException) e).kind()).isEqualTo(RunyardException.Kind.NOT_FOUND));
    }

    @Test
    void splitTensorCountMustMatch() throws Exception {
        new GgufWriter().u32("split.count", 2).u32("split.tensors.count", 5).tensor("a", GgmlType.F32, 4)
                .write(dir.resolve("x-00001-of-00002.gguf"));
        new GgufWriter().u32("split.no", 1).tensor("b", GgmlType.F32, 4).write(dir.resolve("x-00002-of-00002.gguf"));
        assertThatThrownBy(() -> GgufSplit.read(dir.resolve("x-00001-of-00002.gguf")))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("split.tensors.count");
    }

    @Test
    void missingFileIsNotFound() {
        assertThatThrownBy(() -> GgufReader.read(dir.resolve("none.gguf")))
                .satisfies(e -> assertThat(((RunyardException) e).kind()).isEqualTo(RunyardException.Kind.NOT_FOUND));
    }
}
