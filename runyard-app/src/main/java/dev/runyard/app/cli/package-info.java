/**
 * The picocli commands: thin shells over the Planner and the catalog that parse flags once, print text, JSON or CSV,
 * and map errors to one line and an exit code. Never imports {@code web}: {@code serve} and the process entry point
 * live above both ({@code dev.runyard.app.serve}, {@link dev.runyard.app.Main}).
 */
package dev.runyard.app.cli;
