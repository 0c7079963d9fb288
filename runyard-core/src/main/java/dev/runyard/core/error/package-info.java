/** The small exception hierarchy every boundary (CLI, web) maps once. */
package dev.runyard.core.error;
