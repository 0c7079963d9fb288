package dev.runyard.app.catalog;

/**
 * A model found for an id: from the catalog or the Hub ({@code model}), and for a Hub repo of GGUF files only the
 * file whose header was read ({@code gguf}, else null), which a plan takes its exact bytes from.
 */
public record HubFound(dev.runyard.core.catalog.CatalogModel model, HubGgufFile gguf) {
}
