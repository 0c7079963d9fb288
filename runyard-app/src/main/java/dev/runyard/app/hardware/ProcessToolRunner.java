package dev.runyard.app.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs tools with {@link ProcessBuilder}: output goes to a temporary file, so a tool that hangs with its pipe open
 * cannot block us past the timeout; stderr is discarded. A missing tool is silent; a timeout, a non-zero exit or an
 * oversized output becomes one warning.
 */
public final class ProcessToolRunner implements ToolRunner {
    /** Longest a probe may run. */
    public static final long TIMEOUT_SECONDS = 5;
    private static final long MAX_OUTPUT_BYTES = 4L << 20;

    @Override
    public Optional<String> run(List<String> command, List<String> warnings) {
        String tool = command.get(0);
        Path out = null;
        try {
            out = Files.createTempFile("runyard-probe-", ".out");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            } catch (IOException notInstalled) {
                return Optional.empty();
            }
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                warnings.add(tool + " did not answer within " + TIMEOUT_SECONDS + " s; skipped");
                return Optional.empty();
            }
            if (Files.size(out) > MAX_OUTPUT_BYTES) {
                warnings.add(tool + " printed more than 4 MiB; skipped");
                return Optional.empty();
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
                warnings.add(tool + " failed (exit " + p.exitValue() + ")"
                        + (first.isEmpty() ? "" : ": " + (first.length() > 120 ? first.substring(0, 120) + "..." : first)));
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (IOException e) {
            warnings.add("could not run " + tool + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            warnings.add(tool + " was interrupted");
            return Optional.empty();
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
