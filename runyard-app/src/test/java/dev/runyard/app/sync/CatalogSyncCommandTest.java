package dev.runyard.app.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.Main;
import dev.runyard.app.progress.WaitClock;
import dev.runyard.app.testing.FakeWaitClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code runyard catalog sync} through the command line against the fake Hub, then {@code models} sees the result. */
class CatalogSyncCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    static String[] run(String... args) {
        return run(WaitClock.SYSTEM, args);
    }

    static String[] run(WaitClock clock, String... args) {
        CommandLine cl = Main.newCommandLine(System::getenv, clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void syncsThenModelsShowsTheNewModelWithItsVariant() throws Exception {
        String db = tmp.resolve("c.db").toString();
        try (FakeHub hub = new FakeHub()) {
            HubScenario.install(hub);
            String[] r = run("catalog", "sync", "--hub-url", hub.url(), "--db", db, "--json");
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            JsonNode j = MAPPER.readTree(r[1]);
            assertThat(j.get("models").asInt()).isEqualTo(2);
            assertThat(j.get("variants").asInt()).isEqualTo(2);
            assertThat(j.get("cursor").asText()).isEqualTo("2030-01-05T00:00:00.000Z");

            String[] again = run("catalog", "sync", "--hub-url", hub.url(), "--db", db);
            assertThat(again[0]).isEqualTo("0");
            assertThat(again[1]).startsWith("0 repos looked at");

            String[] models = run("models", "--db", db, "--search", "qwen9", "--json");
            JsonNode m = MAPPER.readTree(models[1]);
            assertThat(m).extracting(n -> n.get("id").asText()).contains(HubScenario.NEW, HubScenario.DISTILL);
            JsonNode nm = m.get(0).get("id").asText().equals(HubScenario.NEW) ? m.get(0) : m.get(1);
            assertThat(nm.get("variants").get(0).get("quants")).hasSize(4);
        }
    }

    @Test
    void aSlowHubShowsProgressOnStderrAndStdoutStaysJson() throws Exception {
        FakeWaitClock time = new FakeWaitClock();
        try (FakeHub hub = new FakeHub()) {
            HubScenario.install(hub);
            AtomicBoolean first = new AtomicBoolean(true);
            hub.onRequest = () -> time.advance(Duration.ofSeconds(first.getAndSet(false) ? 2 : 0));
            String[] r = run(time.clock(), "catalog", "sync", "--hub-url", hub.url(), "--db",
                    tmp.resolve("p.db").toString(), "--json");
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(MAPPER.readTree(r[1]).get("models").asInt()).isEqualTo(2);
            assertThat(r[2].lines()).containsExactly("waiting for " + hub.url().substring(7) + " … 2 s");
            assertThat(time.running()).isZero();
        }
    }

    @Test
    void aMalformedHubRecordIsAWarningOnStderrNotAFailure() throws Exception {
        try (FakeHub hub = new FakeHub()) {
            HubScenario.install(hub);
            hub.repo("Qwen", "Qwen/Qwen9-Evil", "2030-01-01T12:00:00.000Z").remove("id");
            String[] r = run("catalog", "sync", "--hub-url", hub.url(), "--db", tmp.resolve("w.db").toString(), "--json");
            assertThat(r[0]).as(r[2]).isEqualTo("0");
            assertThat(r[2].lines()).filteredOn(l -> l.startsWith("runyard:")).containsExactly(
                    "runyard: warning: skipped Qwen/Qwen9-Evil: the Hub's answer has no repo id");
            JsonNode j = MAPPER.readTree(r[1]);
            assertThat(j.get("models").asInt()).isEqualTo(2);
            assertThat(j.get("rejected").asInt()).isEqualTo(1);
            assertThat(j.get("pending").asInt()).isZero();
            assertThat(j.get("warnings")).hasSize(1);
            assertThat(j.get("failures")).isEmpty();
        }
    }

    @Test
    void badOptionsAreExit2() {
        assertThat(run("catalog", "sync", "--since", "last week", "--db", tmp.resolve("d.db").toString())[0]).isEqualTo("2");
        assertThat(run("catalog", "sync", "--hub-url", "ftp://x", "--db", tmp.resolve("d.db").toString())[0]).isEqualTo("2");
    }
}
