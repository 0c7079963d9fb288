package dev.runyard.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.app.progress.WaitProgress;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pieces of remote reading on their own: ranges, references, file choice, redirects, backoff, growing reads. */
class RemotePartsTest {
    @Test
    void contentRangeParsing() {
        assertThat(ContentRange.parse("bytes 0-99/1000")).contains(new ContentRange(0, 99, 1000));
        assertThat(ContentRange.parse("bytes 0-99/*")).contains(new ContentRange(0, 99, -1));
        assertThat(ContentRange.parse("bytes 0-1000/1000")).isEmpty();
        assertThat(ContentRange.parse("bytes 9-3/1000")).isEmpty();
        assertThat(ContentRange.parse("items 0-1/2")).isEmpty();
        assertThat(ContentRange.unsatisfiedTotal("bytes */0")).isZero();
    }

    @Test
    void hfReferences() {
        URI hub = URI.create("https://huggingface.co");
        HfRef r = HfRef.parse("hf:org/repo/dir/my file.gguf", "refs/pr/1");
        assertThat(r.resolveUri(hub).toString())
                .isEqualTo("https://huggingface.co/org/repo/resolve/refs%2Fpr%2F1/dir/my%20file.gguf");
        assertThat(HfRef.parse("hf:org/repo", null).treeUri(hub).toString())
                .isEqualTo("https://huggingface.co/api/models/org/repo/tree/main?recursive=true");
        assertThat(HfRef.parse("hf:org/repo/", null).file()).isEmpty();
        assertThatThrownBy(() -> HfRef.parse("hf:org", null)).isInstanceOf(RunyardException.class);
        assertThatThrownBy(() -> HfRef.parse("hf:o/r/a//b", null)).isInstanceOf(RunyardException.class);
        assertThatThrownBy(() -> HfRef.parse("hf:../r", null)).isInstanceOf(RunyardException.class);
    }

    @Test
    void fileChoice() {
        assertThat(new RepoFiles(List.of("b-Q8_0.gguf", "a-Q2_K.gguf")).pickModel("x")).isEqualTo("a-Q2_K.gguf");
        assertThat(new RepoFiles(List.of("b-Q8_0.gguf", "c-q4_k_m.gguf", "mmproj-Q4_K_M.gguf")).pickModel("x"))
                .isEqualTo("c-q4_k_m.gguf");
        assertThat(new RepoFiles(List.of("x-00002-of-00002.gguf", "x-00001-of-00002.gguf")).pickModel("x"))
                .isEqualTo("x-00001-of-00002.gguf");
        assertThat(new RepoFiles(List.of("model.safetensors", "model.safetensors.index.json", "config.json"))
                .pickModel("x")).isEqualTo("model.safetensors.index.json");
        assertThat(new RepoFiles(List.of("config.json", "model.safetensors")).pickModel("x"))
                .isEqualTo("model.safetensors");
        assertThatThrownBy(() -> new RepoFiles(List.of("README.md")).pickModel("hf:o/r"))
                .hasMessageContaining("hf:o/r");
    }

    @Test
    void redirectsOnlyToHttpsOrFromLoopbackHttpToLoopbackHttp() {
        URI from = URI.create("https://huggingface.co/o/r/resolve/main/f");
        assertThat(HttpFetcher.checkedRedirect(from, "https://cdn.example/x").getHost()).isEqualTo("cdn.example");
        assertThat(HttpFetcher.checkedRedirect(from, "/api/x").toString()).isEqualTo("https://huggingface.co/api/x");
        // https never drops to plain http, not even on loopback (a local process could read the token or the bytes).
        for (String loopback : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:9/x")) {
            assertThatThrownBy(() -> HttpFetcher.checkedRedirect(from, loopback)).as(loopback)
                    .hasMessageContaining("not https");
        }
        URI local = URI.create("http://127.0.0.1:9000/m.gguf");
        assertThat(HttpFetcher.checkedRedirect(local, "http://127.0.0.1:8080/x").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> HttpFetcher.checkedRedirect(local, "http://cdn.example/x"))
                .hasMessageContaining("not https");
        assertThatThrownBy(() -> HttpFetcher.checkedRedirect(from, "http://cdn.example/x"))
                .hasMessageContaining("not https");
        assertThatThrownBy(() -> HttpFetcher.checkedRedirect(from, "file:///etc/passwd"))
                .hasMessageContaining("not https");
        assertThat(HttpFetcher.display(URI.create("https://h/p?X-Amz-Signature=s"))).isEqualTo("https://h/p");
    }

    @Test
    void backoffDoublesWithJitter() throws Exception {
        List<Duration> sleeps = new ArrayList<>();
        RemoteOptions o = new RemoteOptions(RemoteOptions.DEFAULT_HUB, Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofMillis(100), WaitProgress.SILENT, sleeps::add);
        try (FakeServer s = new FakeServer()) {
            s.status("/x", 503);
            HttpFetcher http = new HttpFetcher(o);
            assertThatThrownBy(() -> http.get(URI.create(s.url("/x")), null, (r, b) -> 0))
                    .hasMessageContaining("HTTP 503 after 4 tries");
        }
        assertThat(sleeps).hasSize(3);
        for (int i = 0; i < 3; i++) {
            long base = 100L << i;
            assertThat(sleeps.get(i).toMillis()).isBetween(base / 2, base * 3 / 2);
        }
    }

    @Test
    void largeHeaderGrowsTheRangeAndCachesBlocks() throws Exception {
        byte[] head = TestGguf.header(2, kv -> {
            kv.str("general.architecture").u32(8).str("llama");
            kv.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(60_000);
            for (int i = 0; i < 60_000; i++) {
                kv.str("token-" + i);
            }
        }, TestGguf.FIFTY_MB);
        assertThat(head.length).isBetween(800_000, 1_500_000);
        RemoteOptions o = RemoteOptions.fromEnv(k -> null, null, WaitProgress.SILENT);
        try (FakeServer s = new FakeServer()) {
            s.file("/big.gguf", head, TestGguf.fileSize(head, TestGguf.FIFTY_MB));
            HttpFetcher http = new HttpFetcher(o);
            GgufHeader h;
            try (HttpRangeSource src = HttpRangeSource.open(http, URI.create(s.url("/big.gguf")))) {
                h = GgufReader.read(src, "big.gguf");
                assertThat(src.fetched()).isEqualTo(http.bytesDownloaded());
            }
            assertThat(h.parameterCount()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
            // each miss asks for twice the previous block, from where the reader is (skipped strings are not fetched)
            List<long[]> ranges = s.requests.stream().map(q -> q.range().substring(6).split("-"))
                    .map(a -> new long[] {Long.parseLong(a[0]), Long.parseLong(a[1])}).toList();
            assertThat(ranges).hasSize(3);
            assertThat(ranges.get(0)).containsExactly(0, 262_143);
            for (int i = 1; i < 3; i++) {
                assertThat(ranges.get(i)[1] - ranges.get(i)[0] + 1).isEqualTo(262_144L << i);
                assertThat(ranges.get(i)[0]).isGreaterThan(ranges.get(i - 1)[1]);
            }
            assertThat(http.bytesDownloaded()).isLessThan(4L * 1024 * 1024);
        }
    }
}
