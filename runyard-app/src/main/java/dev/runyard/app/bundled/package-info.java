/**
 * The catalog data files shipped in the jar ({@code catalog/models/*.json}) and their validation: raw entries only.
 * The store seeds itself from here and {@code catalog} turns entries into records, so this package depends on
 * neither.
 */
package dev.runyard.app.bundled;
