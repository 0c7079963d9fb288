package dev.runyard.app.catalog;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.catalog.CatalogModel;
import java.util.List;
import java.util.Optional;

/** The catalog shipped in the jar, read once ({@link BundledCatalog}, {@link CatalogModels}). */
public final class BundledCatalogSource implements CatalogSource {
    private final IndexedModels models = new IndexedModels(CatalogModels.bundled());

    @Override
    public List<CatalogModel> models() {
        return models.all();
    }

    @Override
    public Optional<CatalogModel> find(String id) {
        return models.find(id);
    }

    @Override
    public Optional<ModelFacts> facts(String id) {
        return BundledCatalog.find(id).map(ModelFacts::of);
    }
}
