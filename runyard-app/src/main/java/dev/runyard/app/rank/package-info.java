/** Adapters from the catalog (bundled files or the store) and the machine (flags or detection) to the records core ranks. */
package dev.runyard.app.rank;
