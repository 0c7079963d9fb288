package dev.runyard.app.catalog;

import dev.runyard.app.entry.CatalogEntry;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.core.catalog.CatalogModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The catalog store (bundled and synced models), read once when the server starts. */
public final class StoreCatalogSource implements CatalogSource {
    private final IndexedModels models;
    private final Map<String, CatalogEntry> entries = new HashMap<>();

    public StoreCatalogSource(String dbSpec) {
        List<CatalogEntry> all;
        try (CatalogStore store = CatalogStore.open(dbSpec)) {
            all = store.models(ModelFilter.ALL).stream().map(ModelRecord::catalogEntry).toList();
        }
        this.models = new IndexedModels(all.parallelStream().map(CatalogModels::of).toList());
        for (CatalogEntry e : all) {
            entries.put(e.id().toLowerCase(Locale.ROOT), e);
        }
    }

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
        return Optional.ofNullable(entries.get(id.trim().toLowerCase(Locale.ROOT))).map(ModelFacts::of);
    }
}
