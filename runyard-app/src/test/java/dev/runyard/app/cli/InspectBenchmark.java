package dev.runyard.app.cli;

import dev.runyard.app.testing.Le;

import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a local GGUF header with 1,000 tensors and a 150,000-token vocabulary (the tensor data is a sparse file,
 * never read). {@code SingleShotTime} with a fresh fork per measurement gives the cold, right-after-JVM-start figure;
 * run with {@code bench/jmh InspectBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class InspectBenchmark {
    private Path file;

    @Setup
    public void setUp() throws IOException {
        file = Files.createTempFile("bench", ".gguf");
        Le kv = new Le();
        kv.str("general.architecture").u32(8).str("llama");
        kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(150_000);
        for (int i = 0; i < 150_000; i++) {
            kv.str("tok" + i);
        }
        Le f = new Le();
        f.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(1000).u64(2).raw(kv.toByteArray());
        long offset = 0;
        for (int i = 0; i < 1000; i++) {
            f.str("blk." + (i / 10) + ".t" + i + ".weight").u32(2).u64(4096).u64(256).u32(8).u64(offset);
            offset += 4096L / 32 * 34 * 256;
        }
        f.raw(new byte[(int) ((f.size() + 31) / 32 * 32 - f.size())]);
        Files.write(file, f.toByteArray());
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.position(f.size() + offset - 1);
            ch.write(java.nio.ByteBuffer.wrap(new byte[1])); // sparse: the data region is never read
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public GgufHeader readHeader() {
        return GgufReader.read(file);
    }
}
