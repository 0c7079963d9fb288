package dev.runyard.app.catalog;

/**
 * How to look up a repository outside the catalog: the Hub ({@code --hub-url}; null: the environment's), the store
 * that keeps what was read ({@code --db}; null: {@code RUNYARD_DB}, else the default file), and whether to read the
 * Hub again instead of the kept copy ({@code --refresh}).
 */
public record HubLookup(String hubUrl, String db, boolean refresh) {
    /** The environment's Hub and store, kept copies used. */
    public static final HubLookup DEFAULT = new HubLookup(null, null, false);
}
