package dev.runyard.app.catalog;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.catalog.CatalogModel;
import java.util.Locale;

/**
 * Finds a model by HF id (case-insensitive): in the catalog, else, for an owner/repo id, on the Hub ({@link HubModel});
 * an id found in neither fails with the closest catalog names (exit 3).
 */
public final class ModelLookup {
    private ModelLookup() {
    }

    public static CatalogModel require(String id) {
        return require(id, CatalogModels.bundled());
    }

    public static CatalogModel require(String id, java.util.List<CatalogModel> catalog) {
        return require(id, catalog, HubLookup.DEFAULT);
    }

    /** {@code hub}: where to look for a repo the catalog does not have, and where to keep what was read. */
    public static CatalogModel require(String id, java.util.List<CatalogModel> catalog, HubLookup hub) {
        String hubUrl = hub.hubUrl();
        String l = id.trim().toLowerCase(Locale.ROOT);
        CatalogModel m = catalog.stream().filter(x -> x.id().toLowerCase(Locale.ROOT).equals(l)).findFirst()
                .or(() -> HubModel.looksLikeRepo(id) && HubModel.enabled(hubUrl) ? HubModel.fetch(id, hub)
                        : java.util.Optional.empty())
                .orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\": not in the catalog"
                        + (HubModel.looksLikeRepo(id) && HubModel.enabled(hubUrl) ? " nor on the Hub" : ""),
                        "closest: " + String.join(", ", BundledCatalog.closest(id, 5))));
        if (m.arch() == null) {
            throw RunyardException.badInput(m.id() + " has no public config the estimator can read",
                    "its figures are the published totals; see ./runyard estimate --help");
        }
        return m;
    }
}
