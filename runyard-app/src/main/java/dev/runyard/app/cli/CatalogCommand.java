package dev.runyard.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runyard catalog}: maintenance of the catalog store; today its one subcommand is {@code sync}. */
@Command(name = "catalog", description = "Maintain the catalog store.", subcommands = {CatalogSyncCommand.class})
public final class CatalogCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
