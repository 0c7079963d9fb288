/** The catalog data files shipped in the jar and their validation. */
package dev.runyard.app.catalog;
