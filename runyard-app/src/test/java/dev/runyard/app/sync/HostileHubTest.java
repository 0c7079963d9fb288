package dev.runyard.app.sync;

import static dev.runyard.app.sync.HubScenario.AWQ;
import static dev.runyard.app.sync.HubScenario.BUNDLED;
import static dev.runyard.app.sync.HubScenario.DISTILL;
import static dev.runyard.app.sync.HubScenario.GGUF;
import static dev.runyard.app.sync.HubScenario.NEW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.TestDatabases;
import dev.runyard.app.store.Variant;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hub answers are input from outside. Each malformed record here is skipped with a warning naming it, is never
 * written (least of all over bundled data), and never stops the run: the scenario's good repos all land around them.
 */
class HostileHubTest {
    static final String EVIL = "Qwen/Qwen9-Evil";
    FakeHub hub;
    CatalogStore store;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeHub();
        HubScenario.install(hub);
        store = CatalogStore.open(TestDatabases.SQLITE.newDb());
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    SyncReport sync() {
        HubClient client = new HubClient(new HttpFetcher(new RemoteOptions(URI.create(hub.url()), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 2, Duration.ofMillis(1), WaitProgress.SILENT, d -> { })));
        return new CatalogSync(store, client, 50, new CatalogSync.Listener() { }).run(null);
    }

    /** The scenario's own repos all landed, and the bundled model is as the jar shipped it. */
    void theGoodReposLanded() {
        assertThat(store.model(NEW)).isPresent();
        assertThat(store.model(DISTILL)).isPresent();
        assertThat(store.model(NEW).orElseThrow().variants()).extracting(Variant::repoId).containsExactly(GGUF);
        ModelRecord bundled = store.model(BUNDLED).orElseThrow();
        assertThat(bundled.origin()).isEqualTo(Origin.BUNDLED);
        assertThat(bundled.benchmarks()).hasSize(5);
        assertThat(bundled.variants()).extracting(Variant::repoId).contains(AWQ);
    }

    ObjectNode model(String id, String lastModified) {
        ObjectNode n = hub.repo(id.substring(0, id.indexOf('/')), id, lastModified);
        n.put("pipeline_tag", "text-generation");
        hub.configs.put(id, hub.configs.get(NEW));
        return n;
    }

    @Test
    void aDetailNamingAnotherRepoNeverOverwritesTheBundledModel() {
        model(EVIL, "2030-01-03T12:00:00.000Z").put("id", BUNDLED);
        hub.configs.put(BUNDLED, hub.configs.get(NEW));
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.warnings()).singleElement().asString().startsWith("skipped " + EVIL + ": ").contains(BUNDLED);
        assertThat(store.model(EVIL)).isEmpty();
        theGoodReposLanded();
        assertThat(sync().candidates()).isZero();
    }

    @Test
    void aDetailWithoutAnIdIsSkippedAndTheRunGoesOn() {
        model(EVIL, "2030-01-01T12:00:00.000Z").remove("id");
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().isEqualTo("skipped " + EVIL + ": the Hub's answer has no repo id");
        assertThat(store.model(EVIL)).isEmpty();
        theGoodReposLanded();
    }

    @Test
    void detailsOfTheWrongShapeAreSkipped() {
        String[] ids = {"Qwen/Bad-Array", "Qwen/Bad-Html", "Qwen/Bad-Card", "Qwen/Bad-Siblings", "Qwen/Bad-String"};
        for (String id : ids) {
            model(id, "2030-01-01T12:00:00.000Z");
        }
        hub.raw.put("/api/models/Qwen/Bad-Array", "[1, 2]");
        hub.raw.put("/api/models/Qwen/Bad-Html", "<html>rate limited</html>");
        hub.raw.put("/api/models/Qwen/Bad-String", "\"Qwen/Bad-String\"");
        ((ObjectNode) hub.details.get("Qwen/Bad-Card")).put("cardData", "base_model: x");
        ((ObjectNode) hub.details.get("Qwen/Bad-Siblings")).putObject("siblings");
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        assertThat(r.rejected()).isEqualTo(ids.length);
        assertThat(r.warnings()).hasSize(ids.length).allSatisfy(w -> assertThat(w).startsWith("skipped Qwen/Bad-"));
        for (String id : ids) {
            assertThat(store.model(id)).as(id).isEmpty();
        }
        theGoodReposLanded();
    }

    @Test
    void malformedListingEntriesAreSkipped() {
        var qwen = hub.listings.get("Qwen");
        qwen.addObject().put("lastModified", "2030-01-02T00:00:00.000Z");
        qwen.addObject().put("id", "no-slash").put("lastModified", "2030-01-02T00:00:00.000Z");
        qwen.addObject().put("id", "Qwen/../../etc").put("lastModified", "2030-01-02T00:00:00.000Z");
        qwen.addObject().put("id", "Qwen/Yesterday").put("lastModified", "yesterday");
        qwen.addObject().put("id", "google/Elsewhere").put("lastModified", "2030-01-02T00:00:00.000Z");
        qwen.add(42);
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        assertThat(r.warnings()).hasSize(6);
        assertThat(r.candidates()).isEqualTo(5);
        theGoodReposLanded();
    }

    @Test
    void anEndlessBodyIsCutAtItsCapWhileItStreams() {
        model(EVIL, "2030-01-01T12:00:00.000Z");
        hub.endless.add("/api/models/" + EVIL);
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().startsWith("skipped " + EVIL + ": ")
                .contains("larger than " + RepoSync.MAX_DETAIL_BYTES);
        // Only the cap (plus what the sockets buffer) was sent before the client hung up: 64 GiB were on offer.
        assertThat(hub.streamed.get()).isLessThan(RepoSync.MAX_DETAIL_BYTES + (16L << 20));
        theGoodReposLanded();
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeReading() {
        model(EVIL, "2030-01-01T12:00:00.000Z");
        hub.declared.put("/api/models/" + EVIL, 64L << 30);
        SyncReport r = sync();
        assertThat(r.warnings()).singleElement().asString().contains("answer of 68719476736 bytes is larger than");
        // Refused on the header: nothing near the 64 GiB on offer was read (the sockets buffer a few MiB).
        assertThat(hub.streamed.get()).isLessThan(16L << 20);
        theGoodReposLanded();
    }

    @Test
    void anOversizedConfigIsLeftOutAndTheModelKept() {
        model(EVIL, "2030-01-01T12:00:00.000Z");
        hub.endless.add("/" + EVIL + "/resolve/main/config.json");
        SyncReport r = sync();
        assertThat(r.warnings()).singleElement().asString().startsWith(EVIL + ": config.json left out: ");
        assertThat(store.model(EVIL).orElseThrow().config()).isNull();
        theGoodReposLanded();
    }

    @Test
    void malformedFieldsAreDroppedNotStored() {
        ObjectNode d = model(EVIL, "2030-01-01T12:00:00.000Z");
        d.putObject("safetensors").put("total", -5);
        d.put("createdAt", "the day before yesterday");
        ((ObjectNode) d.get("cardData")).putObject("license").put("x", 1);
        ObjectNode q = hub.repo("bartowski", "bartowski/Evil-GGUF", "2030-01-01T13:00:00.000Z");
        ((ObjectNode) q.get("cardData")).put("base_model", "../../" + BUNDLED);
        q.withArray("siblings").addObject().put("rfilename", "Evil-Q4_K_M.gguf");
        ObjectNode big = hub.repo("bartowski", "bartowski/Huge-GGUF", "2030-01-01T14:00:00.000Z");
        ((ObjectNode) big.get("cardData")).put("base_model", NEW);
        for (int i = 0; i < 500; i++) {
            big.withArray("siblings").addObject().put("rfilename", "Huge-Q" + i + "_K.gguf");
        }
        SyncReport r = sync();
        assertThat(r.failures()).isEmpty();
        ModelRecord m = store.model(EVIL).orElseThrow();
        assertThat(m.paramsPublished()).isNull();
        assertThat(m.releaseDate()).isNull();
        assertThat(m.license()).isNull();
        assertThat(store.model(BUNDLED).orElseThrow().variants()).extracting(Variant::repoId)
                .doesNotContain("bartowski/Evil-GGUF");
        assertThat(store.model(NEW).orElseThrow().variants()).filteredOn(v -> v.repoId().equals("bartowski/Huge-GGUF"))
                .singleElement().satisfies(v -> assertThat(v.quants()).hasSize(RepoClassifier.MAX_QUANTS));
    }
}
