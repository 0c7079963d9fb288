package dev.runyard.app.catalog;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.DbSpec;
import dev.runyard.app.store.StoreProbe;
import dev.runyard.core.catalog.CatalogModel;
import java.nio.file.Files;
import java.util.List;

/**
 * Which catalog a command ranks: the store when one is named ({@code --db}, {@code RUNYARD_DB}) or already exists in
 * the user's data directory (so models added by {@code catalog sync} appear), else the catalog shipped in the jar —
 * which needs no database and keeps {@code ./runyard fit} fast on a fresh machine.
 */
public final class CatalogChoice {
    private CatalogChoice() {
    }

    public static boolean usesStore(String db) {
        if (db != null || System.getenv(DbSpec.ENV) != null) {
            return true;
        }
        DbSpec spec = DbSpec.resolve(null);
        return spec.file() != null && Files.exists(spec.file());
    }

    public static List<CatalogModel> models(String db) {
        if (!usesStore(db)) {
            return CatalogModels.bundled();
        }
        DbSpec spec = DbSpec.resolve(db);
        if (StoreProbe.holdsOnlyBundled(spec)) {
            return CatalogModels.bundled(); // the same records, parsed once (and prefetched) instead of read back
        }
        try (CatalogStore store = CatalogStore.open(spec)) {
            return CatalogModels.fromStore(store);
        }
    }
}
