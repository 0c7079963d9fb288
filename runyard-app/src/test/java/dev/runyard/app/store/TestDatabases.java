package dev.runyard.app.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The databases store tests run against: a temporary SQLite file and a real PostgreSQL (zonky's embedded server,
 * started once per test JVM). Each call to {@link #newDb} gives a fresh, empty database as a {@code --db} spec.
 */
public enum TestDatabases {
    SQLITE, POSTGRES;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres pg;

    public static Stream<TestDatabases> all() {
        return Stream.of(values());
    }

    /** A fresh database: a new file under a temp directory, or a new PostgreSQL database. */
    public String newDb() {
        int n = COUNTER.incrementAndGet();
        if (this == SQLITE) {
            try {
                Path dir = Files.createTempDirectory("runyard-store-test");
                dir.toFile().deleteOnExit();
                return dir.resolve("runyard-" + n + ".db").toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        EmbeddedPostgres server = postgres();
        String db = "runyard_test_" + n;
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "postgresql://postgres:postgres@localhost:" + server.getPort() + "/" + db;
    }

    static synchronized EmbeddedPostgres postgres() {
        if (pg == null) {
            try {
                pg = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return pg;
    }
}
