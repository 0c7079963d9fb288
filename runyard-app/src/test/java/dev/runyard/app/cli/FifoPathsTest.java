package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FIFOs (made with mkfifo) and devices given where a file is expected: each command ends at once with exit 2 and
 * one line, where it used to block forever on the open (FIFO) or fill the heap (/dev/zero).
 */
class FifoPathsTest {
    @TempDir
    Path dir;

    private Path fifo(String name) throws Exception {
        Path f = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            return f;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return f;
    }

    @Test
    void fifosAndDevicesGivenAsFilesFailAtOnceWithOneLine() throws Exception {
        List<List<String>> commands = List.of(
                List.of("inspect", fifo("model.gguf").toString()),
                List.of("inspect", fifo("model.safetensors").toString()),
                List.of("estimate", "--config", fifo("config.json").toString(), "--quant", "Q4_K_M", "--gpus", "1"),
                List.of("estimate", "--gguf", fifo("m.gguf").toString(), "--gpus", "1"),
                List.of("estimate", "--config", "/dev/zero", "--quant", "Q4_K_M", "--gpus", "1"),
                List.of("inspect", "/dev/zero"));
        for (List<String> c : commands) {
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> CliRun.of(c.toArray(String[]::new)),
                    String.join(" ", c));
            assertThat(r.exit()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(RunyardCommand.EXIT_USAGE);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
            assertThat(r.err()).contains("not a regular file");
        }
    }
}
