package dev.runyard.app.hardware;

import java.util.List;
import java.util.Optional;

/** Runs a probe tool and hands back what it printed; tests replace it with captured output. */
@FunctionalInterface
public interface ToolRunner {
    /**
     * The tool's standard output, or empty when the tool is not installed (silently) or failed (with a warning).
     *
     * @param command  the tool and its arguments
     * @param warnings where a timeout or a failure is reported, one line each
     */
    Optional<String> run(List<String> command, List<String> warnings);
}
