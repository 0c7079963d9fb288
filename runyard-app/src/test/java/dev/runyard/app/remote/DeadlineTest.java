package dev.runyard.app.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.runyard.app.progress.WaitProgress;
import dev.runyard.core.error.RunyardException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines on top of the per-read timeouts: slow-drip and silent servers on 127.0.0.1, with deadlines of a second or
 * two (and a fake clock where the test moves time itself), so each case ends in a few seconds however the server
 * behaves. Before, a server sending one byte at a time never tripped the stall timeout and held inspect for hours.
 */
class DeadlineTest {
    static final byte[] HEAD = RemoteInspectTest.HEAD;
    static final long SIZE = RemoteInspectTest.SIZE;

    FakeServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Test
    void aBodyDrippingByteByByteEndsAtTheCommandTimeout() {
        server.drip("/m.gguf", HEAD, SIZE, Duration.ofMillis(20));
        long t0 = System.nanoTime();
        RemoteRun r = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> RemoteRun.of("inspect", server.url("/m.gguf"), "--timeout", "1.5", "--json"));
        assertThat(seconds(t0)).isLessThan(8);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        // stderr: the progress lines ("waiting for … 1 s"), then one error line, no stack trace.
        assertThat(r.err().lines().filter(l -> l.startsWith("runyard:"))).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("did not finish within --timeout 1.5 s", "raise --timeout").doesNotContain("\tat ");
        assertThat(server.written.get()).isPositive().isLessThan(HttpRangeSource.FIRST_BLOCK);
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheRequestDeadline() {
        server.silent("/m.gguf");
        long t0 = System.nanoTime();
        RemoteRun r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> RemoteRun.of(
                Map.of("RUNYARD_HTTP_DEADLINE_MS", "800"), "inspect", server.url("/m.gguf")));
        assertThat(seconds(t0)).isLessThan(8);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("runyard:"))).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("did not finish within 800 ms per request");
    }

    @Test
    void aRetryAfterPastTheDeadlineGivesUpAtOnceInsteadOfSleeping() {
        server.route("/m.gguf", ex -> {
            ex.getResponseHeaders().set("Retry-After", "30");
            ex.sendResponseHeaders(503, -1);
        });
        List<Duration> sleeps = new ArrayList<>();
        RemoteOptions o = new RemoteOptions(RemoteOptions.DEFAULT_HUB, Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, Duration.ofMillis(1), WaitProgress.SILENT, sleeps::add,
                Duration.ofSeconds(2), Deadline.NONE);
        assertThatThrownBy(() -> new RemoteReader(o).read(server.url("/m.gguf"), null))
                .isInstanceOf(RunyardException.class)
                .hasMessageContaining("HTTP 503 after 1 try").hasMessageContaining("would pass the 2 s per request");
        assertThat(sleeps).isEmpty();
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aHubAnswerDrippingJsonEndsAtTheRequestDeadline() {
        byte[] json = ("[" + "{\"id\":\"a/b\"},".repeat(5000) + "{}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        server.route("/api/models", ex -> {
            ex.sendResponseHeaders(200, json.length);
            for (byte b : json) {
                ex.getResponseBody().write(b);
                ex.getResponseBody().flush();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        RemoteOptions o = new RemoteOptions(URI.create(server.url("")), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 4, Duration.ofMillis(1), WaitProgress.SILENT, d -> { },
                Duration.ofSeconds(1), Deadline.NONE);
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
                () -> new HubClient(new HttpFetcher(o)).getJson("/api/models"))
                .isInstanceOf(HubException.class).hasMessageContaining("did not finish within 1 s per request"));
        assertThat(seconds(t0)).isLessThan(8);
    }

    @Test
    void theDeadlineFollowsTheInjectedClockAndWakesABlockedRead() throws Exception {
        AtomicLong now = new AtomicLong();
        Deadline d = Deadline.after(Duration.ofSeconds(60), now::get, "--timeout 60 s");
        RemoteOptions o = new RemoteOptions(RemoteOptions.DEFAULT_HUB, Optional.empty(), Duration.ofSeconds(2),
                Duration.ofHours(1), 1, Duration.ofMillis(1), WaitProgress.SILENT, x -> { },
                Duration.ofHours(1), d);
        // A body that gives 10 bytes, then blocks until closed: like the HTTP client's stream when the server goes
        // quiet. The 1 h read timeout would not catch it; only the deadline, moved by the test's clock, does.
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream body = new java.io.InputStream() {
            private int given;

            @Override
            public int read() throws java.io.IOException {
                if (given < 10) {
                    given++;
                    return 0;
                }
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new java.io.IOException("closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        BodyReader reader = new BodyReader(body, o, new AtomicLong(), "http://x/m.gguf", d);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readAll(1 << 20);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(500);
        assertThat(read).isNotDone();
        now.addAndGet(Duration.ofSeconds(61).toNanos()); // a minute passes on the command's clock
        assertThatThrownBy(() -> read.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RunyardException.class)
                .hasMessageContaining("http://x/m.gguf did not finish within --timeout 60 s");
        assertThat(d.expired()).isTrue();
        assertThat(Deadline.NONE.expired()).isFalse();
        assertThat(d.within(Duration.ofSeconds(5), "5 s per request")).isSameAs(d);
    }
}
