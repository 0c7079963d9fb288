package dev.runyard.app.catalog;

import dev.runyard.core.catalog.CatalogModel;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Catalog models with a case-insensitive index by id, shared by the catalog sources. */
final class IndexedModels {
    private final List<CatalogModel> all;
    private final Map<String, CatalogModel> byId = new HashMap<>();

    IndexedModels(List<CatalogModel> all) {
        this.all = List.copyOf(all);
        for (CatalogModel m : all) {
            byId.put(m.id().toLowerCase(Locale.ROOT), m);
        }
    }

    List<CatalogModel> all() {
        return all;
    }

    Optional<CatalogModel> find(String id) {
        return Optional.ofNullable(byId.get(id.trim().toLowerCase(Locale.ROOT)));
    }
}
