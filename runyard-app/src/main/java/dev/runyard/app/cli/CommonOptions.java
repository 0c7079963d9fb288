package dev.runyard.app.cli;

import picocli.CommandLine.Option;

/** Options every command shares, mixed in with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print one JSON document on stdout and nothing else.")
    boolean json;

    @Option(names = "--verbose", description = "Show stack traces and debug detail.")
    boolean verbose;

    @Option(names = "--no-color", description = "Never colour the output.")
    boolean noColor;

    public boolean json() {
        return json;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Colour only on a terminal, never with --no-color or NO_COLOR. */
    public boolean color() {
        return !noColor && !json && System.console() != null && System.getenv("NO_COLOR") == null;
    }
}
