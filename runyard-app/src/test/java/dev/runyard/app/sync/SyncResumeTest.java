package dev.runyard.app.sync;

import static dev.runyard.app.sync.HubScenario.BUNDLED;
import static dev.runyard.app.sync.HubScenario.DISTILL;
import static dev.runyard.app.sync.HubScenario.GGUF;
import static dev.runyard.app.sync.HubScenario.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.TestDatabases;
import dev.runyard.app.store.Variant;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the sync must never lose: repos sharing a timestamp, variants of a re-synced base, old variants, later pages. */
class SyncResumeTest {
    FakeHub hub;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        HubScenario.install(hub);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    HubClient client() {
        return new HubClient(new HttpFetcher(new RemoteOptions(URI.create(hub.url()), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 2, Duration.ofMillis(1), WaitProgress.SILENT, d -> { })));
    }

    SyncReport sync(CatalogStore store, int limit, Instant since, CatalogSync.Listener listener) {
        return new CatalogSync(store, client(), limit, listener).run(since);
    }

    SyncReport sync(CatalogStore store) {
        return sync(store, 50, null, new CatalogSync.Listener() { });
    }

    /** Dies (like a kill) after {@code n} repos were handled. */
    static CatalogSync.Listener killedAfter(int n) {
        return new CatalogSync.Listener() {
            int done;

            @Override
            public void done(String repoId, String outcome) {
                if (++done == n) {
                    throw new IllegalStateException("killed");
                }
            }
        };
    }

    ObjectNode model(String id, String lastModified) {
        ObjectNode n = hub.repo(id.substring(0, id.indexOf('/')), id, lastModified);
        n.put("pipeline_tag", "text-generation");
        hub.configs.put(id, hub.configs.get(NEW));
        return n;
    }

    static long syncedVariants(CatalogStore store) {
        return store.models(ModelFilter.ALL).stream().flatMap(m -> m.variants().stream())
                .filter(v -> v.origin() == Origin.SYNC).count();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void reposSharingATimestampWithTheLastCommittedOneAreNotSkippedAfterAKill(TestDatabases db) {
        String twin = "Qwen/Qwen9-7B-Twin";
        model(twin, "2030-01-02T00:00:00.000Z");
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            // Oldest first: the bundled touch, then the two repos of 2030-01-02; die after the first of those.
            assertThatThrownBy(() -> sync(store, 50, null, killedAfter(2))).hasMessage("killed");
            assertThat(store.model(NEW).isPresent() ^ store.model(twin).isPresent()).isTrue();
            SyncReport rest = sync(store);
            assertThat(rest.failures()).isEmpty();
            assertThat(store.model(NEW)).isPresent();
            assertThat(store.model(twin)).isPresent();
            assertThat(store.model(DISTILL)).isPresent();
            assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
            assertThat(sync(store).candidates()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void reSyncingAnUpdatedBaseKeepsItsSyncedVariants(TestDatabases db) {
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            assertThat(sync(store).failures()).isEmpty();
            long variants = syncedVariants(store);
            hub.touch(NEW, "2030-02-01T00:00:00.000Z");
            SyncReport r = sync(store);
            assertThat(r.models()).isEqualTo(1);
            assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
            assertThat(syncedVariants(store)).isEqualTo(variants);

            // A --since resync reports as many variants as the store then holds.
            SyncReport resync = sync(store, 50, Instant.parse("2029-12-01T00:00:00Z"), new CatalogSync.Listener() { });
            assertThat(resync.variants()).isEqualTo(2).isEqualTo((int) syncedVariants(store));
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aQuantizedRepoOlderThanItsBaseIsAttachedOnceTheBaseLands(TestDatabases db) {
        // The GGUF of NEW changes before NEW itself: it is handled first, while NEW is not in the store yet.
        hub.touch(GGUF, "2029-12-31T00:00:00.000Z");
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).isEmpty();
            assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
            assertThat(r.variants()).isEqualTo(2).isEqualTo((int) syncedVariants(store));
            assertThat(r.unchanged()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aVariantWhoseBaseArrivesInALaterRunIsAttachedThen(TestDatabases db) {
        String later = "Qwen/Qwen10-7B";
        String gguf = "unsloth/Qwen10-7B-GGUF";
        ObjectNode q = hub.repo("unsloth", gguf, "2030-01-03T00:00:00.000Z");
        ((ObjectNode) q.get("cardData")).put("base_model", later);
        q.withArray("siblings").addObject().put("rfilename", "Qwen10-7B-Q4_K_M.gguf");
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            SyncReport first = sync(store);
            assertThat(first.pending()).isEqualTo(1);
            assertThat(store.model(later)).isEmpty();
            model(later, "2030-03-01T00:00:00.000Z");
            SyncReport second = sync(store);
            assertThat(second.models()).isEqualTo(1);
            assertThat(second.variants()).isEqualTo(1);
            assertThat(second.pending()).isZero();
            assertThat(store.model(later).orElseThrow().variants()).extracting(Variant::repoId, Variant::quants)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(gguf, List.of("Q4_K_M")));
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void theListingIsPagedPastTheLimit(TestDatabases db) {
        for (int i = 0; i < 25; i++) {
            model("Qwen/Paged-" + i, "2030-01-1" + (i % 3) + "T00:00:00.000Z");
        }
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            SyncReport r = sync(store, 10, null, new CatalogSync.Listener() { });
            assertThat(r.failures()).isEmpty();
            assertThat(r.models()).isEqualTo(27);
            for (int i = 0; i < 25; i++) {
                assertThat(store.model("Qwen/Paged-" + i)).as("Qwen/Paged-" + i).isPresent();
            }
            assertThat(hub.count("/api/models")).isGreaterThan(3);
            assertThat(sync(store, 10, null, new CatalogSync.Listener() { }).candidates()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aFailedRepoIsRetriedByTheNextRunEvenWhenOthersShareItsTimestamp(TestDatabases db) {
        String twin = "Qwen/Qwen9-7B-Twin";
        model(twin, "2030-01-02T00:00:00.000Z");
        hub.forever.put("/api/models/" + twin, 500);
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).singleElement().asString().startsWith("skipped " + twin);
            hub.forever.clear();
            SyncReport again = sync(store);
            assertThat(again.candidates()).isEqualTo(1);
            assertThat(store.model(twin)).isPresent();
            assertThat(store.model(BUNDLED).orElseThrow().origin()).isEqualTo(Origin.BUNDLED);
            assertThat(again.cursor()).isEqualTo("2030-01-05T00:00:00.000Z");
        }
    }
}
