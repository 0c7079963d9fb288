package dev.runyard.app.cli;

import static dev.runyard.app.cli.HubBytesTest.json;
import static dev.runyard.app.cli.HubBytesTest.part;
import static dev.runyard.app.cli.HubBytesTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hub repo of GGUF files only (no config.json): the file of --quant is read by its header with range requests
 * from a local fake hub, kept in the store, and planned exactly as {@code estimate --gguf} plans the same file on
 * disk.
 */
class HubGgufTest {
    static final String REPO = "someone/Tiny-GGUF";
    static final String BASE = "/" + REPO + "/resolve/main/";

    @TempDir
    Path dir;

    @Test
    void theQuantsFileIsReadByItsHeaderAndPlannedLikeALocalGguf() throws Exception {
        TinyGguf tiny = new TinyGguf();
        byte[] q4 = tiny.whole();
        Path local = dir.resolve("Tiny-Q4_K_M.gguf");
        Files.write(local, q4);
        JsonNode fromFile = json(run(Map.of(), List.of("estimate", "--gguf", local.toString(), "--ctx", "2048",
                "--gpu", "RTX 4090", "--ram", "64", "--json")));
        String db = TestDatabases.SQLITE.newDb();
        JsonNode fromHub;
        String url;
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf", "Tiny-Q8_0.gguf", "mmproj-Tiny-F16.gguf", "README.md");
            TinyGguf.serve(hub, BASE + "Tiny-Q4_K_M.gguf", q4);
            // The Q8_0 file is never read: only the chosen quant's header is.
            hub.status(BASE + "Tiny-Q8_0.gguf", 500);
            url = hub.url("");
            fromHub = json(run(Map.of(), args(url, db, "--quant", "Q4_K_M")));
            assertThat(hub.requests).extracting(FakeServer.Request::path).containsExactly(BASE + "config.json",
                    "/api/models/" + REPO + "/tree/main", BASE + "Tiny-Q4_K_M.gguf");
            // One range request: the header (tokenizer and all) fits the first block; no tensor data is read.
            assertThat(hub.requests.get(2).range()).isEqualTo("bytes=0-262143");
        }
        // The same bytes, parameters, KV cache, fit and speed as the file on disk; only where it comes from differs.
        assertThat(fromHub.get("weights_bytes").asLong()).isEqualTo(fromFile.get("weights_bytes").asLong());
        assertThat(fromHub.get("weights_bytes").asLong()).isPositive();
        assertThat(withoutOrigin(fromHub)).isEqualTo(withoutOrigin(fromFile));
        assertThat(part(fromHub, "weights").get("formula").asText()).contains("exact tensor bytes");
        assertThat(fromHub.get("artifact").get("repo").asText()).isEqualTo(REPO);
        assertThat(fromHub.get("command").asText()).contains(REPO);

        // The hub is gone: the file list and the header come from the store, to the byte.
        assertThat(json(run(Map.of(), args(url, db, "--quant", "Q4_K_M")))).isEqualTo(fromHub);
        try (CatalogStore store = CatalogStore.open(db)) {
            assertThat(store.hubDocument(url + BASE + "Tiny-Q4_K_M.gguf").orElseThrow().body())
                    .startsWith("{\"size\":" + q4.length + ",\"header\":\"R0dVRg");
            assertThat(store.hubDocument(url + BASE + "config.json").orElseThrow().body()).isEmpty();
        }
    }

    @Test
    void runAndCalcPlanTheRepoAndNameItsFile() throws Exception {
        TinyGguf tiny = new TinyGguf();
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf", "Tiny-Q8_0.gguf");
            TinyGguf.serve(hub, BASE + "Tiny-Q4_K_M.gguf", tiny.whole());
            String db = TestDatabases.SQLITE.newDb();
            CliRun run = run(Map.of(), List.of("run", REPO, "--engine", "llama.cpp", "--gpu", "RTX 4090", "--ram", "64",
                    "--quant", "Q4_K_M", "--hub-url", hub.url(""), "--db", db));
            assertThat(run.exit()).as(run.err()).isZero();
            // The command names the repo's own file: the listing read from the Hub holds it.
            assertThat(run.out()).contains("-hf " + REPO + ":Q4_K_M");
            CliRun calc = run(Map.of(), List.of("calc", REPO, "--gpu", "RTX 4090", "--hub-url", hub.url(""),
                    "--db", db));
            assertThat(calc.exit()).as(calc.err()).isZero();
            assertThat(calc.out()).contains("Q4_K_M");
        }
    }

    @Test
    void aQuantTheRepoLacksNamesTheOnesItHas() throws Exception {
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf", "Tiny-Q8_0.gguf");
            CliRun r = run(Map.of(), args(hub.url(""), TestDatabases.SQLITE.newDb(), "--quant", "Q5_K_M"));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(r.err()).contains(REPO + " holds no Q5_K_M GGUF file; its quants: Q4_K_M, Q8_0")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void withoutQuantTheDefaultIsPlannedAndTheOthersNamed() throws Exception {
        TinyGguf tiny = new TinyGguf();
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf", "Tiny-Q8_0.gguf");
            TinyGguf.serve(hub, BASE + "Tiny-Q4_K_M.gguf", tiny.whole());
            JsonNode j = json(run(Map.of(), args(hub.url(""), TestDatabases.SQLITE.newDb())));
            assertThat(j.get("quant").asText()).isEqualTo("Q4_K_M");
            assertThat(j.get("warnings").toString()).contains(REPO + " holds Q4_K_M, Q8_0; planned Q4_K_M");
        }
    }

    @Test
    void aSplitSetIsReadPartByPartAndSizedLikeTheWholeFile() throws Exception {
        TinyGguf tiny = new TinyGguf();
        JsonNode whole;
        JsonNode split;
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf");
            TinyGguf.serve(hub, BASE + "Tiny-Q4_K_M.gguf", tiny.whole());
            whole = json(run(Map.of(), args(hub.url(""), TestDatabases.SQLITE.newDb(), "--quant", "Q4_K_M")));
        }
        try (FakeServer hub = new FakeServer()) {
            String dir = "Q4_K_M/";
            listing(hub, dir + "Tiny-Q4_K_M-00001-of-00002.gguf", dir + "Tiny-Q4_K_M-00002-of-00002.gguf");
            TinyGguf.serve(hub, BASE + dir + "Tiny-Q4_K_M-00001-of-00002.gguf", tiny.part(0));
            TinyGguf.serve(hub, BASE + dir + "Tiny-Q4_K_M-00002-of-00002.gguf", tiny.part(1));
            split = json(run(Map.of(), args(hub.url(""), TestDatabases.SQLITE.newDb(), "--quant", "Q4_K_M")));
            assertThat(hub.requests).extracting(FakeServer.Request::path).contains(
                    BASE + dir + "Tiny-Q4_K_M-00002-of-00002.gguf");
        }
        // Both parts' tensor infos count: the split set weighs what the single file does.
        assertThat(split.get("weights_bytes").asLong()).isEqualTo(whole.get("weights_bytes").asLong());
        assertThat(split.get("params").asLong()).isEqualTo(whole.get("params").asLong());
    }

    @Test
    void aPartMissingFromTheListOrAnUnreadableHeaderFailsInOneLine() throws Exception {
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M-00001-of-00002.gguf");
            CliRun r = run(Map.of(), args(hub.url(""), TestDatabases.SQLITE.newDb(), "--quant", "Q4_K_M"));
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("not its part Tiny-Q4_K_M-00002-of-00002.gguf").doesNotContain("Exception");
        }
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf");
            TinyGguf.serve(hub, BASE + "Tiny-Q4_K_M.gguf", "NOT A GGUF FILE AT ALL".getBytes());
            String db = TestDatabases.SQLITE.newDb();
            CliRun r = run(Map.of(), args(hub.url(""), db, "--quant", "Q4_K_M"));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(r.err()).contains("Tiny-Q4_K_M.gguf", "magic").doesNotContain("Exception");
            try (CatalogStore store = CatalogStore.open(db)) {
                assertThat(store.hubDocument(hub.url(BASE + "Tiny-Q4_K_M.gguf"))).isEmpty();
            }
        }
        try (FakeServer hub = new FakeServer()) {
            listing(hub, "Tiny-Q4_K_M.gguf");
            hub.status(BASE + "Tiny-Q4_K_M.gguf", 503);
            CliRun r = run(Map.of("RUNYARD_HTTP_TRIES", "2"), args(hub.url(""), TestDatabases.SQLITE.newDb(),
                    "--quant", "Q4_K_M"));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(r.err()).contains("the GGUF header of Tiny-Q4_K_M.gguf cannot be read").doesNotContain("Exception");
        }
    }

    /** The tree listing of REPO: these paths as files. */
    static void listing(FakeServer hub, String... paths) {
        String body = java.util.Arrays.stream(paths).map(p -> "{\"type\":\"file\",\"path\":\"" + p + "\",\"size\":1}")
                .collect(Collectors.joining(",", "[", "]"));
        hub.json("/api/models/" + REPO + "/tree/main", body);
    }

    private static List<String> args(String url, String db, String... more) {
        List<String> a = new ArrayList<>(List.of("estimate", "--model", REPO, "--ctx", "2048", "--gpu", "RTX 4090",
                "--ram", "64", "--json", "--hub-url", url, "--db", db));
        a.addAll(List.of(more));
        return a;
    }

    /** An estimate without the fields that name the model and its file. */
    private static JsonNode withoutOrigin(JsonNode j) {
        ObjectNode o = j.deepCopy();
        for (String f : List.of("model", "name", "artifact", "command", "warnings")) {
            o.remove(f);
        }
        // "exact tensor bytes read from FILE": the local path or the Hub's URL.
        ObjectNode weights = (ObjectNode) o.get("breakdown").get(0);
        weights.put("formula", weights.get("formula").asText().replaceAll(" from .*", ""));
        return o;
    }
}
