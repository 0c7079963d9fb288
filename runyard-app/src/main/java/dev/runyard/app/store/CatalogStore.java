package dev.runyard.app.store;

import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The catalog store: an SQLite file by default, PostgreSQL when configured. Opening migrates the schema (one Flyway
 * migration set for both) and loads the bundled data files when the jar's data version differs from the stored one.
 * Every write runs in a transaction, so a crash never leaves a half-written model.
 */
public final class CatalogStore implements AutoCloseable {
    /** Seconds to wait for a database connection or a locked SQLite file. */
    static final int CONNECT_TIMEOUT_S = 10;
    /** {@code store_meta} key prefix: rigs files already imported, by absolute path. */
    public static final String RIGS_IMPORTED = "rigs_imported:";
    /** Longest wait for another process that is migrating the store or loading the bundled data. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Jdbi jdbi;
    private final DbSpec spec;

    private CatalogStore(Jdbi jdbi, DbSpec spec) {
        this.jdbi = jdbi;
        this.spec = spec;
    }

    /** Opens {@code --db} (a file path or {@code postgresql://…}; null: {@code RUNYARD_DB}, then the default file). */
    public static CatalogStore open(String dbSpec) {
        return open(DbSpec.resolve(dbSpec));
    }

    /**
     * Opens, migrates and loads the bundled data. Many processes may open one fresh store at the same moment: on
     * SQLite they take turns under a {@link StartupLock}; on PostgreSQL Flyway's advisory lock covers the schema and
     * the loader takes an advisory lock in its transaction.
     */
    public static CatalogStore open(DbSpec spec) {
        try (StartupLock ignored = startupLock(spec)) {
            CatalogStore store = migrate(spec);
            LegacyRows.upgrade(store);
            BundledLoader.ensureLoaded(store);
            return store;
        }
    }

    /** Opens and migrates without loading the bundled data (tests of the loader). */
    static CatalogStore openEmpty(DbSpec spec) {
        try (StartupLock ignored = startupLock(spec)) {
            return migrate(spec);
        }
    }

    private static StartupLock startupLock(DbSpec spec) {
        if (spec.kind() != DbSpec.Kind.SQLITE) {
            return null;
        }
        createDirectory(spec);
        return StartupLock.acquire(spec.file(), STARTUP_TIMEOUT);
    }

    private static CatalogStore migrate(DbSpec spec) {
        try {
            DataSource ds = dataSource(spec);
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            return new CatalogStore(Jdbi.create(ds), spec);
        } catch (RunyardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot open database " + spec.display() + ": "
                    + rootMessage(e), spec.kind() == DbSpec.Kind.POSTGRES ? "check the URL and that the server is up"
                    : "check the path and its permissions", e);
        }
    }

    static DataSource dataSource(DbSpec spec) {
        if (spec.kind() == DbSpec.Kind.POSTGRES) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(spec.jdbcUrl());
            if (spec.user() != null) {
                pg.setUser(spec.user());
            }
            if (spec.password() != null) {
                pg.setPassword(spec.password());
            }
            pg.setConnectTimeout(CONNECT_TIMEOUT_S);
            pg.setLoginTimeout(CONNECT_TIMEOUT_S);
            pg.setApplicationName("runyard");
            return pg;
        }
        createDirectory(spec);
        SqliteLibrary.prepare();
        SQLiteConfig c = new SQLiteConfig();
        c.setBusyTimeout(CONNECT_TIMEOUT_S * 1000);
        // WAL: readers never wait for the writer. IMMEDIATE: a write transaction takes the write lock when it
        // begins (waiting up to the busy timeout), instead of failing with SQLITE_BUSY_SNAPSHOT when a read turns
        // into a write after another connection wrote.
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource ds = new SQLiteDataSource(c);
        ds.setUrl(spec.jdbcUrl());
        return ds;
    }

    private static void createDirectory(DbSpec spec) {
        try {
            if (spec.file().getParent() != null) {
                Files.createDirectories(spec.file().getParent());
            }
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot open database " + spec.display()
                    + ": cannot create its directory (" + e.getMessage() + ")", "check the path and its permissions", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m).trim();
    }

    public DbSpec spec() {
        return spec;
    }

    public List<ModelRecord> models(ModelFilter filter) {
        return read(r -> r.models(filter));
    }

    public Optional<ModelRecord> model(String id) {
        return read(r -> r.model(id));
    }

    public long count() {
        return read(StoreReader::count);
    }

    /** Whether a row written before migration V6 still waits to become an entry ({@link LegacyRows}). */
    boolean hasLegacyRows() {
        return read(r -> r.countWhere("entry IS NULL")) > 0;
    }

    public Optional<String> syncState(String key) {
        return read(r -> r.syncState(key));
    }

    /** The ids of the models {@code origin} wrote. */
    public Set<String> modelIds(Origin origin) {
        return read(r -> r.modelIds(origin));
    }

    /** The hub sync's progress per repository, by repo id. */
    public Map<String, RepoState> repoStates() {
        return read(StoreReader::repoStates);
    }

    public Optional<String> meta(String key) {
        return read(r -> r.meta(key));
    }

    /** The Hub document kept for {@code url}, if any. */
    public Optional<HubDocument> hubDocument(String url) {
        return read(r -> r.hubDocument(url));
    }

    /** Keeps a Hub document (replacing an older copy from the same URL), in its own transaction. */
    public void putHubDocument(HubDocument d) {
        inTransaction(w -> w.putHubDocument(d));
    }

    public List<RigRow> rigs() {
        return read(StoreReader::rigs);
    }

    /**
     * Saves a rig in one transaction, replacing one of the same name, unless that would make more than {@code max}.
     * When this returns the rig is committed: a crash afterwards cannot lose it.
     */
    public void saveRig(RigRow rig, int max) {
        inTransaction(w -> {
            w.lockExclusive(); // the count and the insert must see the same rigs, whoever else saves
            List<RigRow> all = w.reader().rigs();
            boolean replaces = all.stream().anyMatch(r -> r.key().equals(rig.key()));
            if (!replaces && all.size() >= max) {
                throw RunyardException.badInput("at most " + max + " saved rigs", "replace one by saving its name");
            }
            w.putRig(rig, true);
        });
    }

    /**
     * Adds the rigs of an old rigs file once: {@code source} is remembered in {@code store_meta}, rigs already in the
     * store (by name) are kept, and at most {@code max} rigs are held. Returns how many were added.
     */
    public int importRigs(String source, List<RigRow> rows, int max) {
        String key = RIGS_IMPORTED + source;
        java.util.concurrent.atomic.AtomicInteger added = new java.util.concurrent.atomic.AtomicInteger();
        inTransaction(w -> {
            w.lockExclusive();
            if (w.reader().meta(key).isPresent()) {
                return;
            }
            java.util.Set<String> have = new java.util.HashSet<>();
            w.reader().rigs().forEach(r -> have.add(r.key()));
            for (RigRow r : rows) {
                if (have.size() < max && have.add(r.key())) {
                    w.putRig(r, false);
                    added.incrementAndGet();
                }
            }
            w.putMeta(key, StoreWriter.now());
        });
        return added.get();
    }

    /**
     * One look at the radar by {@code visitor}: which of {@code catalogIds} are new since their previous visit, and
     * with {@code record} the visit remembered (one transaction; without it nothing is written). See {@link RadarVisits}.
     */
    public RadarVisit radarVisit(String visitor, java.util.Collection<String> catalogIds, java.time.Instant now,
                                 Duration session, boolean record) {
        if (!record) {
            return read(r -> RadarVisits.visit(r.handle(), visitor, catalogIds, now, session, false));
        }
        return wrap(() -> jdbi.inTransaction(h -> RadarVisits.visit(h, visitor, catalogIds, now, session, true)));
    }

    /** How many radar visitors the store remembers. */
    public long radarVisitors() {
        return read(r -> RadarVisits.visitors(r.handle()));
    }

    /** Inserts or replaces one model, in its own transaction. */
    public void upsert(ModelRecord m) {
        inTransaction(w -> w.upsert(m));
    }

    /** Runs {@code work} in one transaction: all of its writes land, or none. */
    public void inTransaction(Consumer<StoreWriter> work) {
        wrap(() -> {
            jdbi.useTransaction(h -> work.accept(new StoreWriter(h, spec.kind())));
            return null;
        });
    }

    /** Runs {@code work} in one transaction and returns what it returns: all of its writes land, or none. */
    public <T> T transaction(Function<StoreWriter, T> work) {
        return wrap(() -> jdbi.inTransaction(h -> work.apply(new StoreWriter(h, spec.kind()))));
    }

    private <T> T read(Function<StoreReader, T> f) {
        return wrap(() -> jdbi.withHandle(h -> f.apply(new StoreReader(h))));
    }

    private <T> T wrap(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (RunyardException e) {
            throw e;
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "database " + spec.display() + " failed: "
                    + rootMessage(e), null, e);
        }
    }

    @Override
    public void close() {
        // Connections are opened per call and closed after it; nothing is held between calls.
    }
}
