/**
 * One home for the catalog as commands and pages see it: entries (bundled or from the store) turned into the
 * {@link dev.runyard.core.catalog.CatalogModel} records core ranks and plans
 * ({@link dev.runyard.app.catalog.CatalogModels}), which catalog a command uses ({@link dev.runyard.app.catalog.CatalogChoice}), lookup by id, and the
 * {@link dev.runyard.app.catalog.CatalogSource}s the web app reads, with the facts a model page shows.
 */
package dev.runyard.app.catalog;
