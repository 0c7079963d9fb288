package dev.runyard.app.sync;

import dev.runyard.app.store.DbSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Takes one PostgreSQL database away and brings it back, as a stopped server looks to its clients: new connections
 * are refused ({@code ALLOW_CONNECTIONS false}) and open ones are terminated, mid-transaction or not.
 */
record PgOutage(String adminUrl, String user, String password, String database) {
    static PgOutage of(String db) {
        DbSpec spec = DbSpec.resolve(db);
        String url = spec.jdbcUrl();
        int slash = url.lastIndexOf('/');
        int query = url.indexOf('?', slash);
        String name = url.substring(slash + 1, query < 0 ? url.length() : query);
        return new PgOutage(url.substring(0, slash + 1) + "postgres", spec.user(), spec.password(), name);
    }

    void begin() {
        exec("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
    }

    void end() {
        exec("ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS true");
    }

    private void exec(String... sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
