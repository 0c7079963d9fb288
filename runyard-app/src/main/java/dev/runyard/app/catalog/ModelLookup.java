package dev.runyard.app.catalog;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.catalog.CatalogModel;
import java.util.Locale;
import java.util.Optional;

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
        return find(id, catalog, hub).model();
    }

    /** {@link #require}, with the GGUF file read when the model is a Hub repo of GGUF files only. */
    public static HubFound find(String id, java.util.List<CatalogModel> catalog, HubLookup hub) {
        String hubUrl = hub.hubUrl();
        String l = id.trim().toLowerCase(Locale.ROOT);
        boolean onHub = HubModel.looksLikeRepo(id) && HubModel.enabled(hubUrl);
        HubFound found = catalog.stream().filter(x -> x.id().toLowerCase(Locale.ROOT).equals(l)).findFirst()
                .map(m -> new HubFound(m, null))
                .or(() -> onHub ? HubModel.find(id, hub) : Optional.empty())
                .orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\": not in the catalog"
                        + (onHub ? " nor on the Hub" : ""), "closest: " + String.join(", ",
                        BundledCatalog.closest(id, 5)) + (onHub ? "; a private repo needs HF_TOKEN" : "")));
        if (found.model().arch() == null) {
            throw RunyardException.badInput(found.model().id() + " has no public config the estimator can read",
                    "its figures are the published totals; see ./runyard estimate --help");
        }
        return found;
    }
}
