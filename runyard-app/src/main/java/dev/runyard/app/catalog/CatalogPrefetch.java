package dev.runyard.app.catalog;

import java.util.Set;

/**
 * Starts reading the bundled catalog while the command line is parsed and the machine is detected: on a cold
 * {@code ./runyard fit} the two are independent and the catalog is the larger part, so a second core saves its
 * wall time. Only for commands that rank or size catalog models, and only when they will likely read the bundled
 * catalog: no {@code --db}, and no store or an SQLite one in the user's data directory (which holds only the bundled
 * data unless a sync wrote to it, see {@code StoreProbe}); anything that goes wrong here is left for the command
 * itself to report, since it loads the catalog again and gets the error in the normal way.
 */
public final class CatalogPrefetch {
    private static final Set<String> COMMANDS = Set.of("fit", "estimate", "run", "compare", "calc", "radar", "models");

    private CatalogPrefetch() {
    }

    public static void startFor(String[] args) {
        String command = null;
        for (String a : args) {
            if (a.equals("--db") || a.startsWith("--db=") || a.equals("--help") || a.equals("-h")) {
                return;
            }
            if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        if (command == null || !COMMANDS.contains(command)) {
            return;
        }
        try {
            if (dev.runyard.app.store.DbSpec.resolve(null).kind() != dev.runyard.app.store.DbSpec.Kind.SQLITE) {
                return; // a PostgreSQL store is shared and synced: its catalog is read from it
            }
        } catch (RuntimeException e) {
            return; // the command resolves the store itself and reports what is wrong
        }
        Thread t = new Thread(CatalogPrefetch::load, "runyard-catalog-prefetch");
        t.setDaemon(true);
        t.start();
    }

    private static void load() {
        try {
            CatalogModels.bundled();
        } catch (RuntimeException e) {
            // not cached: the command loads it again and reports the error
        }
    }
}
