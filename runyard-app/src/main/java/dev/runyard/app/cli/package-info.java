/** The picocli commands: thin shells over core that parse flags once, print text, JSON or CSV, and map errors to one line and an exit code. */
package dev.runyard.app.cli;
