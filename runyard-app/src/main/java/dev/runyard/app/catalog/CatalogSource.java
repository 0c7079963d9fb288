package dev.runyard.app.catalog;

import dev.runyard.core.catalog.CatalogModel;
import java.util.List;
import java.util.Optional;

/**
 * Where the web app reads the model catalog from. Today {@link BundledCatalogSource} (the JSON files in the jar);
 * the database-backed catalog store plugs in here later without touching routes or pages.
 */
public interface CatalogSource {
    /** Every model, sorted by id, as ranking sees them. */
    List<CatalogModel> models();

    /** Facts beyond ranking (lineage, benchmarks with sources, modalities) for one model, by id (case-insensitive). */
    Optional<ModelFacts> facts(String id);

    /** The ranking record of one model, by id (case-insensitive). */
    default Optional<CatalogModel> find(String id) {
        String l = id.trim();
        return models().stream().filter(m -> m.id().equalsIgnoreCase(l)).findFirst();
    }

    /** Up to {@code n} ids close to {@code id}, for "did you mean". */
    default List<String> closest(String id, int n) {
        String l = id.toLowerCase(java.util.Locale.ROOT);
        return models().stream().map(CatalogModel::id)
                .sorted(java.util.Comparator.comparingInt((String s) -> s.toLowerCase(java.util.Locale.ROOT).contains(l) ? 0 : 1)
                        .thenComparingInt(s -> Math.abs(s.length() - l.length())).thenComparing(s -> s))
                .limit(n).toList();
    }
}
