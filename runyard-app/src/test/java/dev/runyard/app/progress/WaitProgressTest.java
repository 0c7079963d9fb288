package dev.runyard.app.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.testing.FakeWaitClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits under a second print nothing; longer ones say what they wait for; time is a fake the test moves. */
class WaitProgressTest {
    final FakeWaitClock time = new FakeWaitClock();
    final StringWriter err = new StringWriter();

    WaitProgress lines() {
        return new WaitProgress(WaitProgress.lines(new PrintWriter(err, true)), time.clock());
    }

    @Test
    void shortWaitPrintsNothingAndStopsItsTicker() {
        try (WaitProgress.Wait w = lines().begin("huggingface.co")) {
            time.advance(Duration.ofMillis(999));
            assertThat(time.running()).isEqualTo(1);
        }
        time.advance(Duration.ofSeconds(5));
        assertThat(err.toString()).isEmpty();
        assertThat(time.running()).isZero();
    }

    @Test
    void longWaitSaysWhatItWaitsForAtOneTwoFourSeconds() {
        try (WaitProgress.Wait w = lines().begin("huggingface.co")) {
            time.advance(Duration.ofMillis(1500));
            time.advance(Duration.ofMillis(400));
            time.advance(Duration.ofMillis(1100));
            time.advance(Duration.ofSeconds(2));
            time.advance(Duration.ofSeconds(2));
        }
        time.advance(Duration.ofSeconds(60));
        assertThat(err.toString().lines()).containsExactly("waiting for huggingface.co … 1 s",
                "waiting for huggingface.co … 3 s", "waiting for huggingface.co … 7 s");
    }

    @Test
    void aJumpPastTheSecondReportsTheTimeReached() {
        try (WaitProgress.Wait w = lines().begin("127.0.0.1:8080")) {
            time.advance(Duration.ofSeconds(3));
        }
        assertThat(err.toString()).isEqualTo("waiting for 127.0.0.1:8080 … 3 s" + System.lineSeparator());
    }

    @Test
    void eachWaitIsTimedFromItsOwnStart() {
        WaitProgress p = lines();
        try (WaitProgress.Wait w = p.begin("a")) {
            time.advance(Duration.ofSeconds(4));
        }
        try (WaitProgress.Wait w = p.begin("b")) {
            time.advance(Duration.ofMillis(500));
        }
        try (WaitProgress.Wait w = p.begin("c")) {
            time.advance(Duration.ofSeconds(1));
        }
        assertThat(err.toString().lines()).containsExactly("waiting for a … 4 s", "waiting for c … 1 s");
    }

    @Test
    void onATerminalTheLineIsRewrittenThenCleared() {
        WaitProgress p = new WaitProgress(WaitProgress.inPlace(new PrintWriter(err, true)), time.clock());
        try (WaitProgress.Wait w = p.begin("huggingface.co")) {
            time.advance(Duration.ofSeconds(1));
            time.advance(Duration.ofSeconds(1));
        }
        String blank = " ".repeat("waiting for huggingface.co … 2 s".length());
        assertThat(err.toString()).isEqualTo("\rwaiting for huggingface.co … 1 s\rwaiting for huggingface.co … 2 s"
                + "\r" + blank + "\r");
    }

    @Test
    void silentStartsNoTicker() {
        try (WaitProgress.Wait w = WaitProgress.SILENT.begin("x")) {
            time.advance(Duration.ofSeconds(10));
        }
        assertThat(time.running()).isZero();
    }
}
