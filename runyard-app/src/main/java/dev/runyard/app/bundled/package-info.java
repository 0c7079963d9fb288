/**
 * The catalog data files shipped in the jar ({@code catalog/models/*.json}), read into typed entries
 * ({@code app.entry}). The store seeds itself from here and {@code catalog} turns entries into records, so this
 * package depends on neither.
 */
package dev.runyard.app.bundled;
