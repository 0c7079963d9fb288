/**
 * The web app and JSON API: {@link dev.runyard.app.web.WebApp} builds an unstarted Javalin; routes are thin shells
 * over {@code rank}, {@code estimate} and {@code hardware}. The catalog comes through
 * {@link dev.runyard.app.web.CatalogSource} and saved rigs through {@link dev.runyard.app.web.RigStore}, so the
 * database-backed store can replace the bundled files and the JSON file later.
 */
package dev.runyard.app.web;
