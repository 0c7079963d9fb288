package dev.runyard.app.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code runyard inspect hf:…} against a fake hub: tree listing, file choice, token, revision, split sets. */
class HfInspectTest {
    FakeServer hub;

    @BeforeEach
    void start() throws Exception {
        hub = new FakeServer();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    static String listing(String... paths) {
        StringBuilder b = new StringBuilder("[{\"type\":\"directory\",\"path\":\"Q4_K_M\"}");
        for (String p : paths) {
            b.append(",{\"type\":\"file\",\"path\":\"").append(p).append("\",\"size\":1}");
        }
        return b.append(']').toString();
    }

    @Test
    void repoWithoutFilePicksQ4KmAndSendsTheToken() {
        hub.json("/api/models/org/repo/tree/main", listing("README.md", "mmproj-model-f16.gguf", "model-Q8_0.gguf",
                "model-Q4_K_M.gguf"));
        hub.file("/org/repo/resolve/main/model-Q4_K_M.gguf", RemoteInspectTest.HEAD, RemoteInspectTest.SIZE);
        RemoteRun r = RemoteRun.of(Map.of("HF_TOKEN", "hf_secret"), "inspect", "hf:org/repo", "--hub-url", hub.base(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("source").asText()).isEqualTo("hf:org/repo/model-Q4_K_M.gguf");
        assertThat(j.get("params").asLong()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
        assertThat(j.get("bytes_downloaded").asLong()).isLessThan(4L * 1024 * 1024);
        assertThat(hub.requests).extracting(FakeServer.Request::path)
                .containsExactly("/api/models/org/repo/tree/main", "/org/repo/resolve/main/model-Q4_K_M.gguf");
        assertThat(hub.requests).allSatisfy(q -> assertThat(q.authorization()).isEqualTo("Bearer hf_secret"));
    }

    @Test
    void namedFileWithoutTokenSendsNoAuthorization() {
        hub.file("/org/repo/resolve/main/any.gguf", RemoteInspectTest.HEAD, RemoteInspectTest.SIZE);
        RemoteRun r = RemoteRun.of(Map.of("RUNYARD_HF_ENDPOINT", hub.base()), "inspect", "hf:org/repo/any.gguf");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(hub.requests).hasSize(1).allSatisfy(q -> assertThat(q.authorization()).isNull());
    }

    @Test
    void tokenIsNotSentToAnotherHostAfterARedirect() {
        String port = hub.base().substring(hub.base().lastIndexOf(':') + 1);
        hub.route("/org/repo/resolve/main/m.gguf", ex -> {
            ex.getResponseHeaders().set("Location", "http://localhost:" + port + "/cdn/m.gguf");
            ex.sendResponseHeaders(302, -1);
        });
        hub.file("/cdn/m.gguf", RemoteInspectTest.HEAD, RemoteInspectTest.SIZE);
        RemoteRun r = RemoteRun.of(Map.of("HF_TOKEN", "hf_secret"), "inspect", "hf:org/repo/m.gguf", "--hub-url",
                hub.base());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(hub.requests).filteredOn(q -> q.path().startsWith("/org/"))
                .allSatisfy(q -> assertThat(q.authorization()).isEqualTo("Bearer hf_secret"));
        assertThat(hub.requests).filteredOn(q -> q.path().startsWith("/cdn/")).isNotEmpty()
                .allSatisfy(q -> assertThat(q.authorization()).isNull());
    }

    @Test
    void splitSetInAFolderAtARevisionIsMerged() {
        List<TestGguf.Tensor> t = TestGguf.FIFTY_MB;
        byte[] first = TestGguf.header(8, kv -> {
            TestGguf.llamaKvs(kv);
            kv.str("split.no").u32(4).u32(0);
            kv.str("split.count").u32(4).u32(2);
            kv.str("split.tensors.count").u32(4).u32(3);
        }, t.subList(0, 1));
        byte[] second = TestGguf.header(2, kv -> {
            kv.str("split.no").u32(4).u32(1);
            kv.str("split.count").u32(4).u32(2);
        }, t.subList(1, 3));
        hub.json("/api/models/org/split/tree/v1", listing("Q4_K_M/m-Q4_K_M-00001-of-00002.gguf",
                "Q4_K_M/m-Q4_K_M-00002-of-00002.gguf", "m-Q8_0.gguf"));
        String dir = "/org/split/resolve/v1/Q4_K_M/";
        hub.file(dir + "m-Q4_K_M-00001-of-00002.gguf", first, TestGguf.fileSize(first, t.subList(0, 1)));
        hub.file(dir + "m-Q4_K_M-00002-of-00002.gguf", second, TestGguf.fileSize(second, t.subList(1, 3)));
        RemoteRun r = RemoteRun.of(Map.of("RUNYARD_HF_ENDPOINT", hub.base()), "inspect", "hf:org/split",
                "--revision", "v1", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("shards").asInt()).isEqualTo(2);
        assertThat(j.get("tensor_count").asInt()).isEqualTo(3);
        assertThat(j.get("params").asLong()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
        assertThat(j.get("tensor_bytes").asLong()).isEqualTo(TestGguf.FIFTY_MB_BYTES);
        assertThat(j.get("source").asText()).isEqualTo("hf:org/split/Q4_K_M/m-Q4_K_M-00001-of-00002.gguf@v1");
    }

    @Test
    void incompleteSplitSetIsNotFound() {
        hub.json("/api/models/org/split/tree/main", listing("m-00001-of-00003.gguf", "m-00002-of-00003.gguf"));
        RemoteRun r = RemoteRun.of(Map.of(), "inspect", "hf:org/split", "--hub-url", hub.base());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("m-00003-of-00003.gguf");
    }

    @Test
    void safetensorsRepoReadsIndexShardsAndConfig() {
        hub.json("/api/models/org/st/tree/main", listing("config.json", "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors", "model.safetensors.index.json"));
        String base = "/org/st/resolve/main/";
        hub.json(base + "model.safetensors.index.json", "{\"metadata\":{},\"weight_map\":{\"a\":"
                + "\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}");
        byte[] s1 = safetensors("{\"a\":{\"dtype\":\"BF16\",\"shape\":[4096,4096],\"data_offsets\":[0,33554432]}}");
        byte[] s2 = safetensors("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[4096],\"data_offsets\":[0,16384]}}");
        hub.file(base + "model-00001-of-00002.safetensors", s1, s1.length + 33_554_432L);
        hub.file(base + "model-00002-of-00002.safetensors", s2, s2.length + 16_384L);
        hub.json(base + "config.json", "{\"model_type\":\"qwen3\",\"max_position_embeddings\":32768}");
        RemoteRun r = RemoteRun.of(Map.of(), "inspect", "hf:org/st", "--hub-url", hub.base(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("format").asText()).isEqualTo("safetensors");
        assertThat(j.get("source").asText()).isEqualTo("hf:org/st/model.safetensors.index.json");
        assertThat(j.get("architecture").asText()).isEqualTo("qwen3");
        assertThat(j.get("context_length").asLong()).isEqualTo(32768);
        assertThat(j.get("params").asLong()).isEqualTo(4096L * 4096 + 4096);
        assertThat(j.get("tensor_bytes").asLong()).isEqualTo(33_554_432L + 16_384);
        assertThat(j.get("metadata").get("format").asText()).isEqualTo("pt");
        assertThat(j.get("bytes_downloaded").asLong()).isLessThan(1024L * 1024);
    }

    @Test
    void singleSafetensorsWithoutConfigStillWorks() {
        byte[] s = safetensors("{\"w\":{\"dtype\":\"F16\",\"shape\":[64,64],\"data_offsets\":[0,8192]}}");
        hub.file("/org/one/resolve/main/model.safetensors", s, s.length + 8192L);
        RemoteRun r = RemoteRun.of(Map.of(), "inspect", "hf:org/one/model.safetensors", "--hub-url", hub.base(),
                "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("params").asLong()).isEqualTo(4096);
        assertThat(r.json().get("architecture").isNull()).isTrue();
    }

    @Test
    void repoWithoutModelFilesIsNotFound() {
        hub.json("/api/models/org/empty/tree/main", listing("README.md"));
        RemoteRun r = RemoteRun.of(Map.of(), "inspect", "hf:org/empty", "--hub-url", hub.base());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("hf:org/empty", "no GGUF");
    }

    @Test
    void badReferenceIsAUsageError() {
        assertThat(RemoteRun.of("inspect", "hf:only-owner").exit()).isEqualTo(2);
        assertThat(RemoteRun.of("inspect", "hf:org/repo/../etc/passwd").exit()).isEqualTo(2);
    }

    static byte[] safetensors(String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        return out.toByteArray();
    }
}
