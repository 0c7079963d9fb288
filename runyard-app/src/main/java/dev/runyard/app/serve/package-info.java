/**
 * {@code runyard serve}: the command that starts the web app. It lives outside {@code cli} so that the CLI and the
 * web app never import each other; the process entry point ({@link dev.runyard.app.Main}) registers it on the root
 * command line next to the CLI's commands.
 */
package dev.runyard.app.serve;
