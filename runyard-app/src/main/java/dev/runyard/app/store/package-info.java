/** The catalog store: SQLite by default or PostgreSQL, one set of Flyway migrations, JDBI access, every write in a transaction. */
package dev.runyard.app.store;
