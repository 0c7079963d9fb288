package dev.runyard.app.sync;

import static dev.runyard.app.sync.HubScenario.AWQ;
import static dev.runyard.app.sync.HubScenario.BUNDLED;
import static dev.runyard.app.sync.HubScenario.DISTILL;
import static dev.runyard.app.sync.HubScenario.GGUF;
import static dev.runyard.app.sync.HubScenario.NEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.TestDatabases;
import dev.runyard.app.store.Variant;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sync against a local fake Hub: no network. */
class CatalogSyncTest {
    FakeHub hub;
    final List<Long> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        HubScenario.install(hub);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    HubClient client() {
        RemoteOptions options = new RemoteOptions(URI.create(hub.url()), Optional.of("hf_test"), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 5, Duration.ofMillis(1), WaitProgress.SILENT, d -> sleeps.add(d.toMillis()));
        return new HubClient(new HttpFetcher(options));
    }

    SyncReport sync(CatalogStore store) {
        return new CatalogSync(store, client(), 50, new CatalogSync.Listener() { }).run(null);
    }

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void landsModelsVariantsAndDistillsThenASecondSyncIsANoOp(TestDatabases db) {
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            long before = store.count();
            SyncReport r = sync(store);
            assertThat(r.failures()).isEmpty();
            assertThat(r.models()).isEqualTo(2);
            assertThat(r.variants()).isEqualTo(2);
            assertThat(r.unchanged()).isEqualTo(1);
            assertThat(r.cursor()).isEqualTo("2030-01-05T00:00:00.000Z");
            assertThat(store.count()).isEqualTo(before + 2);

            ModelRecord m = store.model(NEW).orElseThrow();
            long computed = ParameterCounts.total(ArchitectureReader.read(HfConfig.of(m.config(), NEW)));
            assertThat(m.origin()).isEqualTo(Origin.SYNC);
            assertThat(m.paramsBasis()).isEqualTo("config");
            assertThat(m.paramsTotal()).isEqualTo(computed);
            assertThat(m.paramsPublished()).isEqualTo(8_190_735_360L);
            assertThat(m.releaseDate()).isEqualTo("2030-01-02");
            assertThat(m.license()).isEqualTo("apache-2.0");
            assertThat(m.variants()).singleElement().satisfies(v -> {
                assertThat(v.repoId()).isEqualTo(GGUF);
                assertThat(v.format()).isEqualTo("GGUF");
                assertThat(v.quants()).containsExactly("IQ4_XS", "Q4_K_M", "Q6_K", "Q8_0");
                // The artifact registry: each file with the Hub's exact byte count, shards counted.
                assertThat(v.listing().files()).extracting(f -> f.quant(), f -> f.bytes(), f -> f.exact(), f -> f.parts())
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("IQ4_XS", 1000L, true, 1),
                                org.assertj.core.groups.Tuple.tuple("Q4_K_M", 1000L, true, 1),
                                org.assertj.core.groups.Tuple.tuple("Q6_K", 1000L, true, 1),
                                org.assertj.core.groups.Tuple.tuple("Q8_0", 1000L, true, 1));
            });
            // … and the planner's catalog sees that listing: a command may now name this repo's Q4_K_M.
            var synced = dev.runyard.app.catalog.CatalogModels.fromStore(store).stream()
                    .filter(c -> c.id().equals(NEW)).findFirst().orElseThrow();
            assertThat(synced.artifacts()).singleElement().satisfies(a -> {
                assertThat(a.listed()).isTrue();
                assertThat(a.file("Q4_K_M")).hasValueSatisfying(f -> assertThat(f.exact()).isTrue());
            });
            assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId, Variant::format)
                    .contains(org.assertj.core.groups.Tuple.tuple(AWQ, "AWQ"));
            assertThat(store.model(BUNDLED).orElseThrow().origin()).isEqualTo(Origin.BUNDLED);
            ModelRecord d = store.model(DISTILL).orElseThrow();
            assertThat(d.baseModel()).isEqualTo(NEW);
            assertThat(d.distilledFrom()).isEqualTo(NEW);
            assertThat(hub.authorizations).isNotEmpty().allMatch("Bearer hf_test"::equals);

            long details = hub.count("/api/models/");
            SyncReport again = sync(store);
            assertThat(again.candidates()).isZero();
            assertThat(again.failures()).isEmpty();
            assertThat(hub.count("/api/models/")).isEqualTo(details);
            assertThat(store.count()).isEqualTo(before + 2);
        }
    }

    @Test
    void aRateLimitIsRetriedAfterRetryAfter() {
        hub.scriptThen("/api/models/" + NEW, 429, 503);
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).isEmpty();
            assertThat(store.model(NEW)).isPresent();
            assertThat(hub.count("/api/models/" + NEW)).isEqualTo(3);
            // Retry-After: 0 on the 429, then exponential backoff (1 ms base doubled, with jitter: 1 to 3 ms).
            assertThat(sleeps).hasSize(2).first().isEqualTo(0L);
            assertThat(sleeps.get(1)).isBetween(1L, 5L);
        }
    }

    @Test
    void aRepoThatKeepsFailingIsSkippedAndTheOthersLand() {
        hub.forever.put("/api/models/" + AWQ, 500);
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).singleElement().asString().startsWith("skipped " + AWQ + ": ")
                    .contains("HTTP 500 after 5 tries").doesNotContain("\n");
            assertThat(hub.count("/api/models/" + AWQ)).isEqualTo(5);
            assertThat(store.model(NEW)).isPresent();
            assertThat(store.model(DISTILL)).isPresent();
            assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
            assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId).doesNotContain(AWQ);
            // The cursor stays at the failed repo's timestamp (listing is inclusive), so the next run tries it again.
            assertThat(store.syncState(CatalogSync.CURSOR)).contains("2030-01-03T00:00:00.000Z");
            hub.forever.clear();
            SyncReport again = sync(store);
            assertThat(again.failures()).isEmpty();
            assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId).contains(AWQ);
            assertThat(store.syncState(CatalogSync.CURSOR)).contains("2030-01-05T00:00:00.000Z");
        }
    }

    @Test
    void aGatedRepoIsSkippedAndTheRunGoesOn() {
        // The Hub refuses a repo's record (403) and another's config.json (401): gated or private. The sync skips
        // what it cannot read, records the rest, and does not stop.
        hub.forever.put("/api/models/" + AWQ, 403);
        hub.forever.put("/" + NEW + "/resolve/main/config.json", 401);
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).isEmpty();
            assertThat(store.model(DISTILL)).isPresent();
            assertThat(store.model(NEW)).isPresent();
            assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId).doesNotContain(AWQ);
            assertThat(store.syncState(CatalogSync.CURSOR)).contains("2030-01-05T00:00:00.000Z");
        }
    }

    @Test
    void aHandlerThatCrashesDropsOnlyThatRepo() {
        hub.forever.put("/api/models/" + DISTILL, FakeHub.THROW);
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            SyncReport r = sync(store);
            assertThat(r.failures()).singleElement().asString().startsWith("skipped " + DISTILL);
            assertThat(store.model(DISTILL)).isEmpty();
            assertThat(store.model(NEW)).isPresent();
        }
    }

    @Test
    void aRunKilledMidwayKeepsWhatItCommittedAndTheNextRunFinishes() {
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            CatalogSync.Listener dies = new CatalogSync.Listener() {
                int done;

                @Override
                public void done(String repoId, String outcome) {
                    if (++done == 3) {
                        throw new IllegalStateException("killed");
                    }
                }
            };
            assertThatThrownBy(() -> new CatalogSync(store, client(), 50, dies).run(null)).hasMessage("killed");
            // Three repos were handled (each committed with its own progress row) before the "kill"; the cursor only
            // moves when a run ends.
            assertThat(store.model(NEW)).isPresent();
            assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId).contains(AWQ);
            assertThat(store.model(DISTILL)).isEmpty();
            assertThat(store.repoStates()).containsOnlyKeys(BUNDLED, NEW, AWQ);
            assertThat(store.syncState(CatalogSync.CURSOR)).isEmpty();
            SyncReport rest = sync(store);
            assertThat(rest.candidates()).isEqualTo(2);
            assertThat(store.model(DISTILL)).isPresent();
            assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
        }
    }

    @Test
    void sinceOverridesTheCursor() {
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            sync(store);
            SyncReport r = new CatalogSync(store, client(), 50, new CatalogSync.Listener() { })
                    .run(java.time.Instant.parse("2030-01-04T12:00:00Z"));
            assertThat(r.candidates()).isEqualTo(1);
            assertThat(r.failures()).isEmpty();
        }
    }

    @Test
    void anUnreachableHubStopsAtOnceWithOneLine() {
        hub.forever.put("/api/models", 503);
        try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
            assertThatThrownBy(() -> sync(store)).isInstanceOf(HubException.class)
                    .hasMessageStartingWith("cannot reach the Hub: ").hasMessageContaining("HTTP 503 after 5 tries");
            assertThat(hub.count("/api/models")).isEqualTo(5);
            assertThat(store.syncState(CatalogSync.CURSOR)).isEmpty();
        }
    }

    @Test
    void theTokenGoesToTheHubOnlyNotToAnotherHostAfterARedirect() throws Exception {
        // The Hub answers config.json with a redirect to a CDN on another host (localhost, another port), as
        // huggingface.co does for large files: the CDN must not see HF_TOKEN (the rule inspect follows too).
        try (FakeServer cdn = new FakeServer()) {
            cdn.json("/cdn/config.json", hub.configs.get(NEW).toString());
            hub.redirects.put("/" + NEW + "/resolve/main/config.json",
                    cdn.url("/cdn/config.json").replace("127.0.0.1", "localhost"));
            try (CatalogStore store = CatalogStore.open(TestDatabases.SQLITE.newDb())) {
                assertThat(sync(store).failures()).isEmpty();
                assertThat(store.model(NEW).orElseThrow().paramsBasis()).isEqualTo("config");
            }
            assertThat(hub.authorizations).isNotEmpty().allMatch("Bearer hf_test"::equals);
            assertThat(cdn.requests).extracting(FakeServer.Request::path).contains("/cdn/config.json");
            assertThat(cdn.requests).allSatisfy(q -> assertThat(q.authorization()).as(q.path()).isNull());
        }
    }
}
