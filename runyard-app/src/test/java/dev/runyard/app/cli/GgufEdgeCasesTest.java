package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.remote.TestGguf;
import dev.runyard.app.testing.Le;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GGUF metadata that is valid to the reader but nonsense to the estimator: each ends in one line and exit 2, never a
 * raw Java message ("Index 1 out of bounds for length 1", "/ by zero").
 */
class GgufEdgeCasesTest {
    @TempDir
    Path dir;

    private Path gguf(String name, int kvCount, Consumer<Le> kvs, List<TestGguf.Tensor> tensors) throws Exception {
        byte[] head = TestGguf.header(kvCount, kvs, tensors);
        Path f = dir.resolve(name);
        Files.write(f, head);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(TestGguf.fileSize(head, tensors));
        }
        return f;
    }

    private static Consumer<Le> llama(long heads) {
        return kv -> {
            kv.str("general.architecture").u32(8).str("llama");
            kv.str("llama.context_length").u32(4).u32(4096);
            kv.str("llama.embedding_length").u32(4).u32(256);
            kv.str("llama.block_count").u32(4).u32(1);
            kv.str("llama.feed_forward_length").u32(4).u32(512);
            kv.str("llama.attention.head_count").u32(4).u32(heads);
        };
    }

    private static void oneLineUsageError(CliRun r, String... says) {
        assertThat(r.exit()).as(r.err()).isEqualTo(RunyardCommand.EXIT_USAGE);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains(says).doesNotContain("out of bounds", "by zero", "Exception");
    }

    @Test
    void aOneDimensionalTokenEmbeddingIsNamed() throws Exception {
        Path f = gguf("flat-embd.gguf", 6, llama(4),
                List.of(new TestGguf.Tensor("token_embd.weight", new long[] {256}, TestGguf.F32, 1024)));
        oneLineUsageError(CliRun.of("estimate", "--gguf", f.toString(), "--gpus", "1"), "token_embd.weight");
    }

    @Test
    void zeroAttentionHeadsAreNamed() throws Exception {
        Path f = gguf("no-heads.gguf", 6, llama(0),
                List.of(new TestGguf.Tensor("token_embd.weight", new long[] {256, 1000}, TestGguf.F32, 1_024_000)));
        oneLineUsageError(CliRun.of("estimate", "--gguf", f.toString(), "--gpus", "1"), "num_attention_heads");
    }
}
