package dev.runyard.app.store;

/** Which models to list: a family (exact, case-insensitive) and a search text over id and name; null means any. */
public record ModelFilter(String family, String search) {
    public static final ModelFilter ALL = new ModelFilter(null, null);

    public ModelFilter {
        family = family == null || family.isBlank() ? null : family.trim();
        search = search == null || search.isBlank() ? null : search.trim();
    }
}
