package dev.runyard.app.cli;

import picocli.CommandLine;

/** Process entry point: runs the root command and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(RunyardCommand.newCommandLine().execute(args));
    }
}
