package dev.runyard.app.cli;

import static dev.runyard.app.cli.HubBytesTest.json;
import static dev.runyard.app.cli.HubBytesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Gated and private repos: the Hub refuses them (401 or 403) without saying they are missing, so the lookup must say
 * the repo exists and what opens it, in one line and with a non-zero exit, never "not on the Hub"; the right token
 * opens it. The Hub's own {@code X-Error-Code} is honoured: {@code GatedRepo} says gated, {@code RepoNotFound} (the
 * Hub's answer for a missing repo to a request without a token) stays "not on the Hub".
 */
class HubGatedTest {
    static final String REPO = "gated-org/tiny-llama";
    static final String CONFIG = "/" + REPO + "/resolve/main/config.json";

    /** config.json for the token {@code hf_gate}; {@code status} (with {@code code} as X-Error-Code) for others. */
    static void gate(FakeServer hub, int status, String code) {
        hub.route(CONFIG, ex -> {
            if ("Bearer hf_gate".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                byte[] b = HubModelTest.CONFIG.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
                return;
            }
            if (code != null) {
                ex.getResponseHeaders().set("X-Error-Code", code);
            }
            ex.sendResponseHeaders(status, -1);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void withoutATokenTheRepoIsGatedNotUnknown(int status) throws Exception {
        try (FakeServer hub = new FakeServer()) {
            gate(hub, status, null);
            String db = TestDatabases.SQLITE.newDb();
            CliRun r = run(Map.of(), estimate(hub.url(""), db));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(r.err()).contains(REPO + " is gated or private on the Hub (HTTP " + status + ") and HF_TOKEN is"
                    + " not set", "set HF_TOKEN", "accept the licence on " + hub.url("/" + REPO))
                    .doesNotContain("unknown model", "nor on the Hub", "Exception");
            // Nothing is kept: a refusal is asked again next time (with a token, say).
            try (CatalogStore store = CatalogStore.open(db)) {
                assertThat(store.hubDocument(hub.url(CONFIG))).isEmpty();
            }
            JsonNode j = json(run(Map.of("HF_TOKEN", "hf_gate"), estimate(hub.url(""), db)));
            assertThat(j.get("params").asLong()).isBetween(1_230_000_000L, 1_240_000_000L);
        }
    }

    @Test
    void theHubsGatedRepoCodeSaysGatedAndAWrongTokenIsToldSo() throws Exception {
        try (FakeServer hub = new FakeServer()) {
            gate(hub, 403, "GatedRepo");
            CliRun r = run(Map.of("HF_TOKEN", "hf_other"), estimate(hub.url(""), TestDatabases.SQLITE.newDb()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains(REPO + " is gated on the Hub and the HF_TOKEN sent does not open it (HTTP 403)",
                    "accept the licence on " + hub.url("/" + REPO) + " with the token's account");
        }
    }

    @Test
    void aMissingRepoAnsweredWith401RepoNotFoundIsNotOnTheHub() throws Exception {
        try (FakeServer hub = new FakeServer()) {
            gate(hub, 401, "RepoNotFound");
            hub.route("/api/models/" + REPO + "/tree/main", ex -> {
                ex.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
                ex.sendResponseHeaders(401, -1);
            });
            CliRun r = run(Map.of(), estimate(hub.url(""), TestDatabases.SQLITE.newDb()));
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("not in the catalog nor on the Hub", "a private repo needs HF_TOKEN");
        }
    }

    @Test
    void aGatedGgufRepoIsToldSoToo() throws Exception {
        String repo = "gated-org/Tiny-GGUF";
        try (FakeServer hub = new FakeServer()) {
            hub.route("/api/models/" + repo + "/tree/main", ex -> {
                ex.getResponseHeaders().set("X-Error-Code", "GatedRepo");
                ex.sendResponseHeaders(401, -1);
            });
            CliRun r = run(Map.of(), List.of("estimate", "--model", repo, "--quant", "Q4_K_M", "--hub-url",
                    hub.url(""), "--db", TestDatabases.SQLITE.newDb(), "--gpu", "RTX 4090"));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains(repo + " is gated on the Hub (HTTP 401) and HF_TOKEN is not set");
        }
    }

    private static List<String> estimate(String url, String db) {
        return List.of("estimate", "--model", REPO, "--engine", "vllm", "--quant", "bf16", "--ctx", "4096", "--gpu",
                "RTX 4090", "--json", "--hub-url", url, "--db", db);
    }
}
