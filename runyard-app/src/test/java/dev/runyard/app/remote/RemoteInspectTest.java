package dev.runyard.app.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.testing.FakeWaitClock;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code runyard inspect URL} against a local server: header-only reads, Range checks, retries, redirects. */
class RemoteInspectTest {
    static final byte[] HEAD = TestGguf.header(5, TestGguf::llamaKvs, TestGguf.FIFTY_MB);
    static final long SIZE = TestGguf.fileSize(HEAD, TestGguf.FIFTY_MB);

    FakeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void ggufOverHttpDownloadsOnlyTheHeader() {
        server.file("/m.gguf", HEAD, SIZE);
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(SIZE).isGreaterThan(50_000_000L);
        assertThat(j.get("format").asText()).isEqualTo("gguf");
        assertThat(j.get("source").asText()).isEqualTo(server.url("/m.gguf"));
        assertThat(j.get("architecture").asText()).isEqualTo("llama");
        assertThat(j.get("params").asLong()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
        assertThat(j.get("tensor_bytes").asLong()).isEqualTo(TestGguf.FIFTY_MB_BYTES);
        assertThat(j.get("bytes_by_type").get("Q8_0").asLong()).isEqualTo(26_112_000L);
        assertThat(j.get("header_bytes").asLong()).isLessThanOrEqualTo(HEAD.length);
        assertThat(j.get("bytes_downloaded").asLong()).isPositive().isLessThan(4L * 1024 * 1024);
        assertThat(server.requests).allSatisfy(q -> assertThat(q.range()).startsWith("bytes="));
        assertThat(server.requests).allSatisfy(q -> assertThat(q.authorization()).isNull());
    }

    @Test
    void textOutputSaysHowMuchWasDownloaded() {
        server.file("/m.gguf", HEAD, SIZE);
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Architecture:", "llama", "Downloaded:", "KiB");
    }

    @Test
    void serverIgnoringRangeFailsFastWithoutReadingTheBody() {
        server.route("/m.gguf", ex -> {
            ex.sendResponseHeaders(200, SIZE);
            server.write(ex.getResponseBody(), HEAD, 0, SIZE);
        });
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("server ignores HTTP Range requests");
        assertThat(server.requests).hasSize(1);
        assertThat(server.written.get()).isLessThan(SIZE / 2);
    }

    @Test
    void tooManyRequestsThenSuccessHonoursRetryAfter() {
        AtomicInteger calls = new AtomicInteger();
        server.route("/m.gguf", ex -> {
            if (calls.getAndIncrement() == 0) {
                ex.getResponseHeaders().set("Retry-After", "1");
                ex.sendResponseHeaders(429, -1);
            } else {
                server.serveRange(ex, HEAD, SIZE);
            }
        });
        // The wait is recorded, not slept: the test checks what was asked for, not how long the machine took.
        List<Duration> sleeps = new ArrayList<>();
        RemoteOptions o = new RemoteOptions(RemoteOptions.DEFAULT_HUB, Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofMillis(1), WaitProgress.SILENT, sleeps::add);
        RemoteModel m = new RemoteReader(o).read(server.url("/m.gguf"), null);
        assertThat(((RemoteModel.Gguf) m).header().parameterCount()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aSlowAnswerShowsProgressOnStderrOnly() {
        FakeWaitClock time = new FakeWaitClock();
        server.route("/m.gguf", ex -> {
            time.advance(Duration.ofSeconds(3)); // the server "takes" 3 s
            server.serveRange(ex, HEAD, SIZE);
        });
        RemoteRun r = RemoteRun.of(time.clock(), Map.of(), "inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("params").asLong()).isEqualTo(TestGguf.FIFTY_MB_PARAMS);
        int port = java.net.URI.create(server.base()).getPort();
        assertThat(r.err()).contains("waiting for 127.0.0.1:" + port + " … 3 s");
        assertThat(r.out()).doesNotContain("waiting");
        assertThat(time.running()).isZero();
    }

    @Test
    void aQuickAnswerShowsNoProgress() {
        FakeWaitClock time = new FakeWaitClock();
        server.route("/m.gguf", ex -> {
            time.advance(Duration.ofMillis(900));
            server.serveRange(ex, HEAD, SIZE);
        });
        RemoteRun r = RemoteRun.of(time.clock(), Map.of(), "inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
    }

    @Test
    void serverErrorForeverGivesUpAfterFourTriesWithOneLine() {
        server.status("/m.gguf", 500);
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach", "HTTP 500", "4 tries");
        assertThat(server.requests).hasSize(4);
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RemoteRun r = RemoteRun.of("inspect", "http://127.0.0.1:" + port + "/m.gguf");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach", "4 tries").doesNotContain("Exception");
    }

    @Test
    void missingFileExitsThree() {
        RemoteRun r = RemoteRun.of("inspect", server.url("/nope.gguf"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("nope.gguf", "404");
    }

    @Test
    void unauthorizedNamesHfToken() {
        server.status("/m.gguf", 401);
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("HF_TOKEN", "401");
    }

    @Test
    void wrongContentRangeIsRefused() {
        server.route("/m.gguf", ex -> {
            ex.getResponseHeaders().set("Content-Range", "bytes 100-199/" + SIZE);
            ex.sendResponseHeaders(206, 100);
            ex.getResponseBody().write(new byte[100]);
        });
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Content-Range");
    }

    @Test
    void redirectToAnotherLocalPathIsFollowed() {
        server.file("/blobs/abc", HEAD, SIZE);
        server.route("/m.gguf", ex -> {
            ex.getResponseHeaders().set("Location", "/blobs/abc");
            ex.sendResponseHeaders(302, -1);
        });
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.json().get("tensor_bytes").asLong()).isEqualTo(TestGguf.FIFTY_MB_BYTES);
        assertThat(server.requests).extracting(FakeServer.Request::path).contains("/m.gguf", "/blobs/abc");
    }

    @Test
    void redirectToPlainHttpElsewhereIsRefused() {
        server.route("/m.gguf", ex -> {
            ex.getResponseHeaders().set("Location", "http://example.com/m.gguf");
            ex.sendResponseHeaders(302, -1);
        });
        RemoteRun r = RemoteRun.of("inspect", server.url("/m.gguf"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not https");
    }

    @Test
    void redirectLoopStopsAfterFiveHops() {
        server.route("/loop", ex -> {
            ex.getResponseHeaders().set("Location", "/loop");
            ex.sendResponseHeaders(307, -1);
        });
        RemoteRun r = RemoteRun.of("inspect", server.url("/loop"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("redirects more than 5 times");
        assertThat(server.requests).hasSize(6);
    }

    @Test
    void revisionWithoutHfIsAUsageError() {
        RemoteRun r = RemoteRun.of(Map.of(), "inspect", server.url("/m.gguf"), "--revision", "v1");
        assertThat(r.exit()).isEqualTo(2);
    }
}
