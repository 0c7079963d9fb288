package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.HubDocument;
import dev.runyard.app.store.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a lookup of a repo outside the catalog read from the Hub is kept in the store (SQLite and PostgreSQL): the
 * second lookup makes no request, works with the Hub gone, and {@code --refresh} reads the Hub again.
 */
class HubCacheTest {
    static final String REPO = "someone/tiny-llama-finetune";
    static final String PATH = "/" + REPO + "/resolve/main/config.json";
    static final ObjectMapper JSON = new ObjectMapper();

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aSecondLookupReadsTheStoreAndRefreshReadsTheHubAgain(TestDatabases dbs) throws Exception {
        String db = dbs.newDb();
        String url;
        JsonNode first;
        try (FakeServer hub = new FakeServer()) {
            hub.json(PATH, HubModelTest.CONFIG);
            url = hub.url("");
            first = estimate(url, db);
            assertThat(configRequests(hub)).isEqualTo(1);
            assertThat(first.get("params").asLong()).isBetween(1_230_000_000L, 1_240_000_000L);

            // Second lookup, every command: no request at all.
            int before = hub.requests.size();
            assertThat(estimate(url, db)).isEqualTo(first);
            for (List<String> args : List.of(
                    List.of("calc", REPO, "--gpu", "RTX 4090", "--json"),
                    List.of("run", REPO, "--engine", "vllm", "--gpu", "RTX 4090", "--ram", "64"),
                    List.of("compare", REPO, "Qwen/Qwen3-8B", "--gpu", "RTX 4090", "--ram", "64"))) {
                CliRun r = cli(args, url, db);
                assertThat(r.exit()).as(args + ": " + r.err()).isZero();
            }
            assertThat(hub.requests.size()).as("requests after the first lookup").isEqualTo(before);

            // What is kept: the document, its URL and when it was read.
            try (CatalogStore store = CatalogStore.open(db)) {
                HubDocument d = store.hubDocument(url + PATH).orElseThrow();
                assertThat(d.repoId()).isEqualTo(REPO);
                assertThat(d.file()).isEqualTo("config.json");
                assertThat(JSON.readTree(d.body())).isEqualTo(JSON.readTree(HubModelTest.CONFIG));
                assertThat(Instant.parse(d.fetchedAt())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions
                        .within(10, ChronoUnit.MINUTES));
            }

            // The repo changes on the Hub (twice the layers): the kept copy answers until --refresh reads it again.
            hub.json(PATH, HubModelTest.CONFIG.replace("\"num_hidden_layers\":16", "\"num_hidden_layers\":32"));
            assertThat(estimate(url, db).get("params").asLong()).isEqualTo(first.get("params").asLong());
            assertThat(configRequests(hub)).isEqualTo(1);
            JsonNode refreshed = estimate(url, db, "--refresh");
            assertThat(configRequests(hub)).isEqualTo(2);
            assertThat(refreshed.get("params").asLong()).isGreaterThan(first.get("params").asLong() + 500_000_000L);
            assertThat(estimate(url, db)).isEqualTo(refreshed);
            assertThat(configRequests(hub)).isEqualTo(2);
        }
        // The Hub is gone: the kept copy still answers; --refresh fails in one line.
        JsonNode offline = estimate(url, db);
        assertThat(offline.get("params").asLong()).isGreaterThan(first.get("params").asLong() + 500_000_000L);
        CliRun refresh = cli(List.of("estimate", "--model", REPO, "--quant", "Q8_0", "--ctx", "4096", "--gpu",
                "RTX 4090", "--ram", "64", "--refresh"), url, db);
        assertThat(refresh.exit()).isNotZero();
        assertThat(refresh.err().strip().lines().count()).isLessThanOrEqualTo(2);
        assertThat(refresh.err()).contains("cannot be reached").doesNotContain("Exception");
        // Another Hub (another URL) never shares the copy: nothing kept for it, and it cannot be reached.
        CliRun other = cli(List.of("calc", REPO, "--gpu", "RTX 4090"), "http://127.0.0.1:9", db);
        assertThat(other.exit()).isNotZero();
        assertThat(other.err()).contains("cannot be reached");
    }

    private static long configRequests(FakeServer hub) {
        return hub.requests.stream().filter(r -> r.path().equals(PATH)).count();
    }

    private static JsonNode estimate(String url, String db, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("estimate", "--model", REPO, "--quant", "Q8_0", "--ctx",
                "4096", "--gpu", "RTX 4090", "--ram", "64", "--json"));
        args.addAll(List.of(extra));
        CliRun r = cli(args, url, db);
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static CliRun cli(List<String> args, String url, String db) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of("--hub-url", url, "--db", db));
        return CliRun.of(all.toArray(String[]::new));
    }
}
