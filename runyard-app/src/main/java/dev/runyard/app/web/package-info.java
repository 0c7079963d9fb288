/**
 * The web app and JSON API: {@link dev.runyard.app.web.WebApp} builds an unstarted Javalin; routes are thin shells
 * over the Planner, the ranker, {@code catalog} and {@code hardware}, rendered through {@code api}'s records. Never
 * imports {@code cli}. The catalog comes through
 * {@link dev.runyard.app.catalog.CatalogSource} and saved rigs through {@link dev.runyard.app.web.RigStore}, so the
 * database-backed store can replace the bundled files and the JSON file later.
 */
package dev.runyard.app.web;
