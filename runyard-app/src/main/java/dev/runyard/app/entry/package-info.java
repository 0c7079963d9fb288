/**
 * The typed catalog entry ({@link dev.runyard.app.entry.CatalogEntry}) and its one mapper
 * ({@link dev.runyard.app.entry.CatalogJson}): the bundled data files, the store's {@code entry} column and the Hub
 * sync all read and write entries through here. {@code docs/schema/catalog-entry.schema.json} describes the same
 * shape. Depends on nothing else in the app.
 */
package dev.runyard.app.entry;
