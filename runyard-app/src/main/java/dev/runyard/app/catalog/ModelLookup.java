package dev.runyard.app.catalog;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.catalog.CatalogModel;
import java.util.Locale;

/** Finds a catalog model by HF id (case-insensitive); unknown ids fail with the closest names (exit 3). */
public final class ModelLookup {
    private ModelLookup() {
    }

    public static CatalogModel require(String id) {
        return require(id, CatalogModels.bundled());
    }

    public static CatalogModel require(String id, java.util.List<CatalogModel> catalog) {
        String l = id.trim().toLowerCase(Locale.ROOT);
        CatalogModel m = catalog.stream().filter(x -> x.id().toLowerCase(Locale.ROOT).equals(l))
                .findFirst().orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\"",
                        "closest: " + String.join(", ", BundledCatalog.closest(id, 5))));
        if (m.arch() == null) {
            throw RunyardException.badInput(m.id() + " has no public config the estimator can read",
                    "its figures are the published totals; see ./runyard estimate --help");
        }
        return m;
    }
}
