package dev.runyard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.TestDatabases;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: a sync in its own JVM ({@link SyncProcessMain}) against a {@link LargeHub} (in this JVM, on
 * 127.0.0.1) is killed with SIGKILL ({@link Process#destroyForcibly()}) at seeded random points, then rerun to
 * completion, and the store must equal that of a clean sync row for row: nothing lost, nothing twice, SQLite's
 * integrity check ok, and one more run finds nothing to do. Most kills come a few milliseconds after the Nth Hub
 * request (N random over what the run has left, so they land before, between and inside transactions); one in five
 * at a random time after start (start-up, migration, loading the bundled data). On PostgreSQL, further trials take
 * the database away (connections refused and terminated, as when the server stops) at a random point of a sync and
 * bring it back for the rerun. Each JVM start costs ~1.5 s of CPU,
 * so the trials are sized to stay well under two minutes on two cores. Run alone, or larger:
 * {@code ./mvnw -B -o test -pl runyard-app -am -Dgroups=fault -Dsurefire.failIfNoSpecifiedTests=false
 * [-Drunyard.fault.sqlite=TRIALS -Drunyard.fault.postgres=TRIALS -Drunyard.fault.outages=N -Drunyard.fault.kills=N]};
 * the counts are printed, written to target/fault-suite, and recorded in docs/reliability.md.
 */
@Tag("fault")
class SyncFaultTest {
    static final long SEED = 20300201L;
    /** Hub requests of one clean sync: 27 listing pages, 121 details, 61 configs. */
    static final int REQUESTS = 210;
    /** Kills per trial (one fewer on PostgreSQL, whose syncs are slower); -Drunyard.fault.kills=N for more. */
    static final int KILLS = Integer.getInteger("runyard.fault.kills", 3);
    static final ScheduledExecutorService KILLER = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "fault-suite-killer");
        t.setDaemon(true);
        return t;
    });

    /** What the trials on one database came to. */
    record Counts(TestDatabases kind, int trials, int tried, int landed, int outages, int failed, long lost, long extra,
                  Map<String, Integer> lostByKind, List<String> problems, String clean) {
        String summary() {
            return String.format("%s: %d trials, %d kill -9 tried, %d landed mid-sync, %d database outages mid-sync, "
                    + "%d trials failed, %d rows lost %s, %d rows extra (clean sync: %s)", kind, trials, tried, landed,
                    outages, failed, lost, lostByKind, extra, clean);
        }
    }

    @Test
    void killedSyncsRerunToExactlyWhatACleanSyncStores() throws Exception {
        List<Counts> all = List.of(
                trials(TestDatabases.SQLITE, Integer.getInteger("runyard.fault.sqlite", 4), KILLS, 0),
                trials(TestDatabases.POSTGRES, Integer.getInteger("runyard.fault.postgres", 2), KILLS - 1,
                        Integer.getInteger("runyard.fault.outages", 2)));
        Path out = Path.of("target", "fault-suite");
        Files.createDirectories(out);
        for (Counts c : all) {
            System.out.println("fault suite: " + c.summary());
            Files.writeString(out.resolve(c.kind() + ".txt"), c.summary() + "\n");
        }
        for (Counts c : all) {
            assertThat(c.problems()).as(c.summary()).isEmpty();
            assertThat(c.lost() + c.extra()).as(c.summary()).isZero();
            // Kills that came after the sync ended prove nothing: most must land.
            assertThat(c.landed()).as(c.summary()).isGreaterThanOrEqualTo(c.tried() * 2 / 3);
        }
    }

    /**
     * {@code trials} trials of {@code kills} kills each, then {@code outages} trials (PostgreSQL only) where the
     * database goes away at a random point of an in-process sync and comes back for the rerun.
     */
    static Counts trials(TestDatabases kind, int trials, int kills, int outages) throws Exception {
        if (trials + outages == 0) {
            return new Counts(kind, 0, 0, 0, 0, 0, 0, 0, Map.of(), List.of(), "not run");
        }
        try (FakeHub hub = new FakeHub()) {
            LargeHub.install(hub, SEED);
            StoreSnapshot clean = cleanSync(hub, kind);
            int tried = 0;
            int landed = 0;
            int cut = 0;
            long lost = 0;
            long extra = 0;
            Map<String, Integer> lostByKind = new TreeMap<>();
            List<String> problems = new ArrayList<>();
            for (int trial = 0; trial < trials + outages; trial++) {
                Random rnd = new Random(SEED * 31 + trial + kind.ordinal() * 1000L);
                String db = kind.newDb();
                if (trial < trials) {
                    int remaining = REQUESTS;
                    for (int k = 0; k < kills; k++) {
                        tried++;
                        int at = runAndKill(hub, db, rnd, remaining);
                        landed += at != 0 ? 1 : 0;
                        // A rerun lists again (27 pages) and fetches only what is left: aim the next kill inside it.
                        remaining = Math.max(40, remaining - Math.max(at, 0) + 27);
                    }
                } else {
                    cut += outage(hub, db, rnd) ? 1 : 0;
                }
                Result last = run(hub, db);
                StoreSnapshot s = StoreSnapshot.of(db);
                lost += s.missingFrom(clean).size();
                s.missingFrom(clean).forEach(row -> lostByKind.merge(row.substring(0, row.indexOf('|')), 1, Integer::sum));
                extra += clean.missingFrom(s).size();
                boolean integrity = kind != TestDatabases.SQLITE || s.integrity().equals("ok");
                int again = inProcess(hub, db).candidates();
                if (last.exit() != 0 || !s.rows().equals(clean.rows()) || !s.duplicates().isEmpty() || !integrity
                        || again != 0) {
                    problems.add("trial " + trial + ": exit " + last.exit() + ", lost " + s.missingFrom(clean)
                            + ", extra " + clean.missingFrom(s) + ", duplicates " + s.duplicates() + ", integrity "
                            + s.integrity() + ", a further run found " + again + " repos\n" + last.output());
                }
            }
            String counts = clean.count("model") + " models, " + clean.count("variant") + " variants, "
                    + clean.count("progress") + " repos";
            return new Counts(kind, trials + outages, tried, landed, cut, problems.size(), lost, extra, lostByKind,
                    problems, counts);
        }
    }

    /** An in-process sync whose database goes away after a random Hub request; returns whether it did mid-sync. */
    static boolean outage(FakeHub hub, String db, Random rnd) {
        PgOutage pg = PgOutage.of(db);
        int n = 1 + rnd.nextInt(REQUESTS);
        AtomicInteger seen = new AtomicInteger();
        CompletableFuture<Void> down = new CompletableFuture<>();
        hub.onRequest = () -> {
            if (seen.incrementAndGet() == n) {
                KILLER.execute(() -> {
                    pg.begin();
                    down.complete(null);
                });
            }
        };
        try {
            inProcess(hub, db);
            return false;
        } catch (RunyardException e) {
            assertThat(e.getMessage()).startsWith("database ");
            return true;
        } finally {
            hub.onRequest = () -> { };
            if (seen.get() >= n) {
                down.join();
            }
            pg.end();
        }
    }

    /** A clean sync (in this JVM, never killed), with the counts the hub was built with. */
    static StoreSnapshot cleanSync(FakeHub hub, TestDatabases kind) throws Exception {
        String db = kind.newDb();
        SyncReport r = inProcess(hub, db);
        assertThat(r.failures()).isEmpty();
        assertThat(r.candidates()).isEqualTo(LargeHub.REPOS);
        assertThat(r.models()).isEqualTo(LargeHub.MODELS);
        assertThat(r.variants()).isEqualTo(LargeHub.VARIANTS);
        assertThat(r.pending()).isZero();
        StoreSnapshot s = StoreSnapshot.of(db);
        assertThat(s.duplicates()).isEmpty();
        assertThat(s.count("progress")).isEqualTo(LargeHub.REPOS);
        return s;
    }

    static SyncReport inProcess(FakeHub hub, String db) {
        RemoteOptions options = new RemoteOptions(URI.create(hub.url()), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 3, Duration.ofMillis(10), WaitProgress.SILENT, d -> { });
        try (CatalogStore store = CatalogStore.open(db)) {
            return new CatalogSync(store, new HubClient(new HttpFetcher(options)), LargeHub.PAGE,
                    new CatalogSync.Listener() { }).run(null);
        }
    }

    /**
     * Starts a sync and kills it at a random point within about {@code requests} Hub requests; returns 0 when the
     * sync ended before the kill, else the request the kill followed (-1 for a kill at a random time).
     */
    static int runAndKill(FakeHub hub, String db, Random rnd, int requests) throws Exception {
        Process p = start(hub, db, null);
        int n = -1;
        if (rnd.nextInt(5) == 0) {
            KILLER.schedule(p::destroyForcibly, rnd.nextInt(3000), TimeUnit.MILLISECONDS);
        } else {
            n = 1 + rnd.nextInt(requests);
            int at = n;
            long delay = rnd.nextInt(20);
            AtomicInteger seen = new AtomicInteger();
            hub.onRequest = () -> {
                if (seen.incrementAndGet() == at) {
                    KILLER.schedule(p::destroyForcibly, delay, TimeUnit.MILLISECONDS);
                }
            };
        }
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        hub.onRequest = () -> { };
        assertThat(ended).as("sync process ended").isTrue();
        return p.exitValue() == 137 ? n : 0;
    }

    record Result(int exit, String output) {
    }

    static Result run(FakeHub hub, String db) throws Exception {
        Path log = Files.createTempFile("sync-process", ".log");
        Process p = start(hub, db, log);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("sync process ended").isTrue();
        String output = Files.readString(log);
        Files.delete(log);
        return new Result(p.exitValue(), output);
    }

    static Process start(FakeHub hub, String db, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), SyncProcessMain.class.getName(), hub.url(), db,
                Integer.toString(LargeHub.PAGE));
        b.redirectErrorStream(true);
        b.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
        return b.start();
    }
}
