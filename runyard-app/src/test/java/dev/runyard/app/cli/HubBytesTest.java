package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.Main;
import dev.runyard.app.remote.FakeServer;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * A repo outside the catalog planned with exact bytes: config.json, the safetensors index and each shard's header
 * read from a local fake hub (range requests), kept in the store, and the weights of the plans that load the
 * checkpoint as stored taken from the tensors the headers list.
 */
class HubBytesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "someone/tiny-llama-exact";

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void weightsComeFromTheHeadersAndASecondLookupIsOffline(TestDatabases dbs) throws Exception {
        TestCheckpoint ckpt = TestCheckpoint.tinyLlama();
        String db = dbs.newDb();
        String url;
        JsonNode first;
        try (FakeServer hub = new FakeServer()) {
            hub.json("/" + REPO + "/resolve/main/config.json", HubModelTest.CONFIG);
            ckpt.serve(hub, REPO);
            url = hub.url("");
            first = json(run(Map.of(), vllm(REPO, url, db)));
            // Only headers were read: one range request per shard, each within the first block.
            List<FakeServer.Request> shardReads = hub.requests.stream()
                    .filter(r -> r.path().endsWith(".safetensors")).toList();
            assertThat(shardReads).hasSize(2).allSatisfy(r -> assertThat(r.range()).isEqualTo("bytes=0-262143"));
            assertThat(hub.requests).extracting(FakeServer.Request::path).containsExactly(
                    "/" + REPO + "/resolve/main/config.json",
                    "/" + REPO + "/resolve/main/model.safetensors.index.json",
                    "/" + REPO + "/resolve/main/model-00001-of-00002.safetensors",
                    "/" + REPO + "/resolve/main/model-00002-of-00002.safetensors");
        }
        // One GPU, TP 1: the weights are the checkpoint's bytes exactly (F32 norms included).
        assertThat(first.get("weights_bytes").asLong()).isEqualTo(ckpt.bytes());
        JsonNode part = part(first, "weights_per_gpu");
        assertThat(part.get("formula").asText()).startsWith("exact: dtype x shape of 146 tensors from 2 safetensors"
                + " headers (" + url + "/" + REPO + "/resolve/main/model.safetensors.index.json)");
        assertThat(part.get("inputs").get("bytes_by_type_unsharded").get("f32").asLong()).isEqualTo(ckpt.bytes("F32"));
        assertThat(first.get("warnings").toString()).doesNotContain("estimated");

        // The hub is gone: everything comes from the store, to the byte.
        assertThat(json(run(Map.of(), vllm(REPO, url, db)))).isEqualTo(first);
        try (CatalogStore store = CatalogStore.open(db)) {
            String header = store.hubDocument(url + "/" + REPO + "/resolve/main/model-00001-of-00002.safetensors")
                    .orElseThrow().body();
            assertThat(header).startsWith("{\"__metadata__\"").contains("model.layers.7.mlp.down_proj.weight");
        }

        // A GGUF plan of the same repo is an estimate, and says why.
        JsonNode gguf = json(run(Map.of(), List.of("estimate", "--model", REPO, "--quant", "Q8_0", "--ctx", "4096",
                "--gpu", "RTX 4090", "--ram", "64", "--json", "--hub-url", url, "--db", db)));
        assertThat(gguf.get("warnings").toString()).contains("weights estimated for Q8_0: the Hub's 2 safetensors"
                + " headers size the bf16 checkpoint as stored (" + String.format(java.util.Locale.ROOT, "%,d",
                ckpt.bytes()) + " bytes)");
    }

    @Test
    void aQuantizedCheckpointCountsItsPackedWeightsScalesAndZeros() throws Exception {
        TestCheckpoint awq = TestCheckpoint.tinyLlamaAwq();
        String repo = "someone/tiny-llama-awq";
        String config = HubModelTest.CONFIG.replace("\"torch_dtype\":\"bfloat16\"", "\"torch_dtype\":\"float16\","
                + "\"quantization_config\":{\"quant_method\":\"awq\",\"bits\":4,\"group_size\":128,\"zero_point\":true,"
                + "\"version\":\"gemm\"}");
        try (FakeServer hub = new FakeServer()) {
            hub.json("/" + repo + "/resolve/main/config.json", config);
            awq.serve(hub, repo);
            String db = TestDatabases.SQLITE.newDb();
            JsonNode j = json(run(Map.of(), List.of("estimate", "--model", repo, "--engine", "vllm", "--quant", "awq",
                    "--ctx", "4096", "--gpu", "RTX 4090", "--json", "--hub-url", hub.url(""), "--db", db)));
            assertThat(j.get("weights_bytes").asLong()).isEqualTo(awq.bytes());
            JsonNode byType = part(j, "weights_per_gpu").get("inputs").get("bytes_by_type_unsharded");
            assertThat(byType.get("i32").asLong()).isEqualTo(awq.bytes("I32"));
            assertThat(byType.get("f16").asLong()).isEqualTo(awq.bytes("F16"));
            assertThat(j.get("artifact").get("repo").asText()).isEqualTo(repo);
            assertThat(j.get("artifact").get("source").asText()).isEqualTo("publisher");
            // The repo holds one file and no index: the index was asked for once, then the single file's header.
            assertThat(hub.requests).extracting(FakeServer.Request::path).containsExactly(
                    "/" + repo + "/resolve/main/config.json",
                    "/" + repo + "/resolve/main/model.safetensors.index.json",
                    "/" + repo + "/resolve/main/model.safetensors");
        }
    }

    @Test
    void aGatedRepoNeedsTheToken() throws Exception {
        TestCheckpoint ckpt = TestCheckpoint.tinyLlama();
        String repo = "gated-org/tiny-llama";
        try (FakeServer hub = new FakeServer()) {
            String base = "/" + repo + "/resolve/main/";
            hub.route(base + "config.json", ex -> {
                if (!"Bearer hf_gate".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    ex.sendResponseHeaders(401, -1);
                    return;
                }
                byte[] b = HubModelTest.CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, b.length);
                ex.getResponseBody().write(b);
            });
            hub.json(base + "model.safetensors.index.json", ckpt.index());
            for (String shard : ckpt.shards.keySet()) {
                hub.route(base + shard, ex -> {
                    if (!"Bearer hf_gate".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                        ex.sendResponseHeaders(401, -1);
                    } else {
                        hub.serveRange(ex, ckpt.head(shard), ckpt.fileSize(shard));
                    }
                });
            }
            String url = hub.url("");
            // Without a token the repo is not "unknown": the user is told it is gated and what opens it.
            CliRun without = run(Map.of(), vllm(repo, url, TestDatabases.SQLITE.newDb()));
            assertThat(without.exit()).isEqualTo(1);
            assertThat(without.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(without.err()).contains(repo + " is gated or private on the Hub (HTTP 401) and HF_TOKEN is not"
                    + " set", "accept the licence on " + url + "/" + repo).doesNotContain("nor on the Hub", "Exception");

            hub.requests.clear();
            JsonNode with = json(run(Map.of("HF_TOKEN", "hf_gate"), vllm(repo, url, TestDatabases.SQLITE.newDb())));
            assertThat(with.get("weights_bytes").asLong()).isEqualTo(ckpt.bytes());
            assertThat(hub.requests).hasSize(4)
                    .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer hf_gate"));
        }
    }

    @Test
    void aHostileHugeHeaderIsRefusedInOneLine() throws Exception {
        String repo = "someone/hostile";
        try (FakeServer hub = new FakeServer()) {
            hub.json("/" + repo + "/resolve/main/config.json", HubModelTest.CONFIG);
            // A header that claims a terabyte, in a file that claims more: refused after its first block.
            byte[] head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
            hub.file("/" + repo + "/resolve/main/model.safetensors", head, 1L << 41);
            String db = TestDatabases.SQLITE.newDb();
            CliRun r = run(Map.of(), List.of("estimate", "--model", repo, "--engine", "vllm", "--quant", "bf16",
                    "--ctx", "4096", "--gpu", "RTX 4090", "--hub-url", hub.url(""), "--db", db));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err().strip().lines().count()).isLessThanOrEqualTo(2);
            assertThat(r.err()).contains("model.safetensors", "header length", "1099511627776 is outside 2..")
                    .doesNotContain("Exception");
            assertThat(hub.requests.stream().filter(q -> q.path().endsWith("model.safetensors")))
                    .singleElement().satisfies(q -> assertThat(q.range()).isEqualTo("bytes=0-262143"));
            try (CatalogStore store = CatalogStore.open(db)) {
                assertThat(store.hubDocument(hub.url("/" + repo + "/resolve/main/model.safetensors"))).isEmpty();
            }
        }
    }

    @Test
    void aRepoWithoutSafetensorsFallsBackToTheConfigAndSaysSo() throws Exception {
        String repo = "someone/config-only";
        String db = TestDatabases.SQLITE.newDb();
        JsonNode j;
        try (FakeServer hub = new FakeServer()) {
            hub.json("/" + repo + "/resolve/main/config.json", HubModelTest.CONFIG);
            String url = hub.url("");
            List<String> args = List.of("estimate", "--model", repo, "--engine", "vllm", "--quant", "bf16", "--ctx",
                    "4096", "--gpu", "RTX 4090", "--json", "--hub-url", url, "--db", db);
            j = json(run(Map.of(), args));
            assertThat(j.get("warnings").toString()).contains("weights estimated from config.json, not exact: the Hub"
                    + " has no model.safetensors.index.json or model.safetensors for " + repo);
            assertThat(part(j, "weights_per_gpu").get("formula").asText()).doesNotStartWith("exact");
            // The estimate assumes 16 bits for the norms the tiny checkpoint keeps in F32: the two differ.
            assertThat(j.get("weights_bytes").asLong()).isNotEqualTo(TestCheckpoint.tinyLlama().bytes());
            // The 404s are kept: asking again makes no request.
            int before = hub.requests.size();
            assertThat(json(run(Map.of(), args))).isEqualTo(j);
            assertThat(hub.requests).hasSize(before);
        }
    }

    private static List<String> vllm(String repo, String url, String db) {
        return List.of("estimate", "--model", repo, "--engine", "vllm", "--quant", "bf16",
                "--ctx", "4096", "--gpu", "RTX 4090", "--json", "--hub-url", url, "--db", db);
    }

    static JsonNode part(JsonNode estimate, String name) {
        for (JsonNode p : estimate.get("breakdown")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no part " + name + " in " + estimate.get("breakdown"));
    }

    static JsonNode json(CliRun r) throws Exception {
        assertThat(r.exit()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    /** The CLI with {@code env} as its environment (fast retries), as a user's shell would set it. */
    static CliRun run(Map<String, String> env, List<String> args) {
        Map<String, String> e = new HashMap<>(Map.of("RUNYARD_HTTP_BACKOFF_MS", "1"));
        e.putAll(env);
        CommandLine cl = Main.newCommandLine(e::get);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(new ArrayList<>(args).toArray(String[]::new));
        return new CliRun(code, out.toString(), err.toString());
    }
}
