package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's options, each given an invalid value (negative, zero where it means nothing, out of range, NaN,
 * empty, malformed): exit 2, nothing on stdout, one line on stderr that names the option. Rows marked "was accepted"
 * ran silently before this table existed.
 */
class InvalidOptionsTest {
    private static final String GPU = "RTX 4090";
    private static final Path TMP;

    static {
        try {
            TMP = Files.createTempDirectory("runyard-invalid-options");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments row(String says, String... args) {
        return Arguments.of(String.join(" ", args), says, args);
    }

    static Stream<Arguments> rows() {
        String db = TMP.resolve("sync.db").toString();
        String est = "--model=Qwen/Qwen3-8B";
        List<Arguments> r = new ArrayList<>(List.of(
                row("--limit", "fit", "--gpu", GPU, "--limit", "-1"),
                row("--limit", "fit", "--gpu", GPU, "--limit", "0"),
                row("--limit", "fit", "--gpu", GPU, "--limit", "abc"),
                row("--min-ctx", "fit", "--gpu", GPU, "--min-ctx", "-5"),
                row("--min-tps", "fit", "--gpu", GPU, "--min-tps", "-1"),
                row("--min-tps", "fit", "--gpu", GPU, "--min-tps", "NaN"), // was accepted
                row("--gpus", "fit", "--gpu", GPU, "--gpus", "0"),
                row("--ram", "fit", "--gpu", GPU, "--ram", "0"),
                row("--ram", "fit", "--gpu", GPU, "--ram", "-4"),
                row("use case", "fit", "--gpu", GPU, "--use-case", "fast"),
                row("engine", "fit", "--gpu", GPU, "--engine", "warp"),
                row("--license", "fit", "--gpu", GPU, "--license", "gpl"),
                row("GPU", "fit", "--gpu", ""),
                row("--cpu-only", "fit", "--gpu", GPU, "--cpu-only"),
                row("--db", "fit", "--gpu", GPU, "--db", ""), // was accepted
                row("--ctx", "calc", "Qwen/Qwen3-8B", "--gpu", GPU, "--ctx", "-5"), // was accepted
                row("--ctx", "calc", "Qwen/Qwen3-8B", "--how-many", "H200", "--ctx", "0"),
                row("one GPU kind", "calc", "Qwen/Qwen3-8B", "--how-many", "2x H200"),
                row("--ctx", "run", "Qwen/Qwen3-8B", "--engine", "vllm", "--gpu", GPU, "--ctx", "0"),
                row("engine", "run", "Qwen/Qwen3-8B", "--engine", "warp", "--gpu", GPU),
                row("quantization", "run", "Qwen/Qwen3-8B", "--engine", "vllm", "--gpu", GPU, "--quant", "q3x"),
                row("context", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--ctx", "0"),
                row("context", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--ctx", "-1"),
                row("--ubatch", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--ubatch", "0"),
                row("--parallel", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--parallel", "0"),
                row("--tp", "estimate", est, "--quant", "fp8", "--engine", "vllm", "--gpus", "1", "--tp", "0"), // was accepted
                row("--pp", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--pp", "0"),
                row("--gpu-memory-utilization", "estimate", est, "--quant", "fp8", "--engine", "vllm", "--gpus", "1",
                        "--gpu-memory-utilization", "1.5"),
                row("--gpu-memory-utilization", "estimate", est, "--quant", "fp8", "--engine", "vllm", "--gpus", "1",
                        "--gpu-memory-utilization", "NaN"),
                row("--max-model-len", "estimate", est, "--quant", "fp8", "--engine", "vllm", "--gpus", "1",
                        "--max-model-len", "0"), // was accepted
                row("--max-num-batched-tokens", "estimate", est, "--quant", "fp8", "--engine", "vllm", "--gpus", "1",
                        "--max-num-batched-tokens", "0"), // was accepted
                row("--gpu-memory-gib", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--gpu-memory-gib", "0"),
                row("--flash-attn", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--flash-attn", "maybe"),
                row("KV cache type", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--kv-type", "q9"),
                row("backend", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--backend", "glide"),
                row("--draft", "estimate", est, "--quant", "Q4_K_M", "--gpus", "1", "--draft", ""), // was a raw message
                row("quantization", "estimate", est, "--quant", "", "--gpus", "1"),
                row("future", "radar", "--gpu-memory-gib", "24", "--since", "2999-01-01"), // was accepted
                row("--since", "radar", "--gpu-memory-gib", "24", "--since", "-5d"),
                row("--gpu-memory-gib", "radar", "--gpu-memory-gib", "-3"),
                row("--family", "models", "--family", ""), // was accepted
                row("--search", "models", "--search", " "), // was accepted
                row("--db", "models", "--db", ""), // was accepted
                row("--gpus", "hardware", "--gpus", "0"),
                row("--vram", "hardware", "--vram", "0"),
                row("--ram", "hardware", "--ram", "0"),
                row("--threads", "estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_0", "--cpu-only", "--threads", "0"),
                row("--threads", "fit", "--gpu", "none", "--threads", "2000"),
                row("--ram-copy", "fit", "--gpu", "none", "--ram-copy", "0"),
                row("--timeout", "inspect", "m.gguf", "--timeout", "0"),
                row("--timeout", "inspect", "m.gguf", "--timeout", "-1"),
                row("--timeout", "inspect", "m.gguf", "--timeout", "NaN"),
                row("--timeout", "inspect", "m.gguf", "--timeout", "100000"),
                row("repository", "inspect", "hf:owner"),
                row("revision", "inspect", "hf:o/r", "--revision", ""),
                row("--limit", "catalog", "sync", "--db", db, "--limit", "0"),
                row("--limit", "catalog", "sync", "--db", db, "--limit", "1001"),
                row("--since", "catalog", "sync", "--db", db, "--since", "yesterday"),
                row("--hub-url", "catalog", "sync", "--db", db, "--hub-url", "ftp://mirror"),
                row("directory", "accuracy", "--cases", TMP.toString()), // was exit 1 with "Is a directory"
                row("--port", "serve", "--port", "70000"),
                row("--port", "serve", "--port", "-1"),
                row("--host", "serve", "--port", "0", "--host", ""), // was accepted: bound every interface
                row("--host", "serve", "--port", "0", "--host", "bad host!"), // was exit 1 and a log line
                row("--allowed-host", "serve", "--port", "0", "--allowed-host", "evil/example"),
                row("--db", "serve", "--port", "0", "--db", ""), // was accepted
                row("--rigs", "serve", "--port", "0", "--rigs", "")));  // was accepted
        return r.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachInvalidValueIsExitTwoWithOneLine(String line, String says, String[] args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exit()).as(line + "\n" + r.err() + r.out()).isEqualTo(RunyardCommand.EXIT_USAGE);
        assertThat(r.out()).as(line).isEmpty();
        assertThat(r.err().strip().lines()).as(line + ": " + r.err()).hasSize(1);
        assertThat(r.err()).as(line).startsWith("runyard: ").contains(says)
                .doesNotContain("Exception", "\tat ", "out of bounds", "by zero");
    }
}
