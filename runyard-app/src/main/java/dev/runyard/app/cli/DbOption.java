package dev.runyard.app.cli;

import dev.runyard.core.error.RunyardException;
import picocli.CommandLine.Option;

/** {@code --db}: where the catalog store lives; mixed in by every command that reads or writes it. */
public final class DbOption {
    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "SQLite file or postgresql://user:pass@host:port/db (default: $RUNYARD_DB, else "
                    + "runyard.db in the user's data directory).")
    String db;

    /** The spec as given; null means "$RUNYARD_DB, else the default file". */
    public String spec() {
        if (db != null && db.isBlank()) {
            throw RunyardException.badInput("--db needs a path or URL, got an empty one",
                    "e.g. --db runyard.db or --db postgresql://user:pass@host/db; leave it out for the default");
        }
        return db;
    }
}
