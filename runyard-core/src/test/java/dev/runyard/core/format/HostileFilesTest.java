package dev.runyard.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.safetensors.SafetensorsModel;
import dev.runyard.core.format.safetensors.SafetensorsReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths that are not regular files: a FIFO (opening one blocks until a writer comes) and {@code /dev/zero} (never
 * ends). Every reader refuses them at once, with one BAD_INPUT line, instead of hanging or filling the heap.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    /** A FIFO made with mkfifo; the test is skipped where there is none (Windows). */
    static Path fifo(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", f.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no mkfifo here");
            return null;
        }
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
        return f;
    }

    @Test
    void fifosAreRefusedBeforeTheyAreOpened() throws Exception {
        Path gguf = fifo(dir, "model.gguf");
        Path st = fifo(dir, "model.safetensors");
        Path config = fifo(dir, "config.json");
        Path index = fifo(dir, "model.safetensors.index.json");
        List<Executable> reads = List.of(() -> GgufReader.read(gguf), () -> GgufSplit.read(gguf),
                () -> SafetensorsReader.read(st), () -> SafetensorsModel.read(st), () -> HfConfig.read(config),
                () -> SafetensorsModel.read(index));
        for (Executable read : reads) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(read::execute)
                    .isInstanceOfSatisfying(RunyardException.class, e -> {
                        assertThat(e.kind()).isEqualTo(RunyardException.Kind.BAD_INPUT);
                        assertThat(e.getMessage()).contains("not a regular file").doesNotContain("\n");
                    }));
        }
        assertThat(GgufReader.looksLikeGguf(gguf)).isFalse();
    }

    @Test
    void devicesAndOversizedConfigsAreRefusedWithoutReadingThemWhole() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero here");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> HfConfig.read(zero))
                .isInstanceOf(RunyardException.class).hasMessageContaining("not a regular file"));
        Path big = dir.resolve("config.json");
        Files.write(big, new byte[HfConfig.MAX_CONFIG_BYTES + 1]);
        assertThatThrownBy(() -> HfConfig.read(big)).isInstanceOfSatisfying(RunyardException.class,
                e -> assertThat(e.kind()).isEqualTo(RunyardException.Kind.BAD_INPUT))
                .hasMessageContaining("too large for a config.json");
        assertThatThrownBy(() -> HfConfig.read(dir)).hasMessageContaining("is a directory");
    }
}
