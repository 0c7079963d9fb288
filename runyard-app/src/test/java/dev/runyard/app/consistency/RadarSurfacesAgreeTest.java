package dev.runyard.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.catalog.StoreCatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.testing.Cli;
import dev.runyard.app.web.MemoryRigStore;
import dev.runyard.app.web.WebApp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One question, one answer: {@code radar --json}, {@code GET /api/v1/radar}, the {@code /radar} page and its Atom
 * feed, over one store and for the same hardware, list the same releases in the same order, with the same best plan;
 * and that order is the radar's: newest month first, each month ranked for the hardware.
 */
class RadarSurfacesAgreeTest {
    static final int LIMIT = 30;
    private static String db;
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        db = Files.createTempDirectory("runyard-radar").resolve("runyard.db").toString();
        CatalogStore.open(db).close();
        // the server's own machine (no hardware in the query) is a fixed one here: an RTX 4090 with 64 GiB
        app = WebApp.create(new WebApp.Deps(new StoreCatalogSource(db), new MemoryRigStore(), (gpu, gpus, ram) ->
                MachineResolver.resolve(gpu == null ? "RTX 4090" : gpu, gpus, ram == null ? 64L << 30 : ram)));
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @ParameterizedTest
    @CsvSource({"RTX 3090, 64", "none, 32", "2x H100, 512"})
    void cliApiPageAndFeedListTheSameReleasesInTheSameOrder(String gpu, String ram) throws Exception {
        JsonNode cli = Surfaces.JSON.readTree(Cli.json(List.of("radar", "--db", db, "--gpu", gpu, "--ram", ram,
                "--limit", String.valueOf(LIMIT), "--no-record")));
        String q = "gpu=" + URLEncoder.encode(gpu, StandardCharsets.UTF_8) + "&ram=" + ram;
        JsonNode api = Surfaces.JSON.readTree(get("/api/v1/radar?" + q + "&limit=" + LIMIT)).path("releases");
        List<String> page = all(Pattern.compile("<li data-model=\"([^\"]+)\">"), get("/radar?" + q));
        List<String> feed = all(Pattern.compile("<summary>([^:<]+):"), get("/radar.atom?" + q));

        List<String> cliIds = new ArrayList<>();
        cli.forEach(r -> cliIds.add(r.path("id").asText()));
        List<String> apiIds = new ArrayList<>();
        api.forEach(r -> apiIds.add(r.path("id").asText()));
        assertThat(cliIds).hasSize(LIMIT).isEqualTo(apiIds);
        assertThat(page).hasSize(100).startsWith(cliIds.toArray(String[]::new));
        assertThat(feed).hasSize(50).isEqualTo(page.subList(0, 50));

        for (int i = 0; i < LIMIT; i++) {
            JsonNode c = cli.get(i);
            JsonNode a = api.get(i);
            String id = c.path("id").asText();
            JsonNode best = c.path("best_variant");
            assertThat(c.path("fit").asText()).as(id).isEqualTo(best.isNull()
                    ? a.path("sizable").asBoolean() ? "does_not_fit" : "unknown" : "fits");
            assertThat(a.path("best").isNull()).as(id).isEqualTo(best.isNull());
            if (!best.isNull()) {
                JsonNode b = a.path("best");
                assertThat(b.path("quant").asText()).as(id).isEqualTo(best.path("quant").asText());
                assertThat(b.path("engine").asText()).as(id).isEqualTo(best.path("engine").asText());
                assertThat(b.path("context").asLong()).as(id).isEqualTo(best.path("context").asLong());
                assertThat(b.path("total_bytes").asLong()).as(id).isEqualTo(best.path("total_bytes").asLong());
                assertThat(b.path("score").asDouble()).as(id).isEqualTo(best.path("score").asDouble());
                assertThat(b.path("decode_tokens_per_s").asDouble()).as(id)
                        .isCloseTo(best.path("decode_tokens_per_s").asDouble(), org.assertj.core.data.Offset.offset(0.051));
            }
        }
        RadarOrder.assertRanked(api);
    }

    /** The "done when": the default view (no hardware, no date) is non-empty and ranked for the machine. */
    @org.junit.jupiter.api.Test
    void theDefaultViewIsNonEmptyAndRankedForTheServersMachine() throws Exception {
        JsonNode body = Surfaces.JSON.readTree(get("/api/v1/radar"));
        assertThat(body.path("machine").asText()).contains("RTX 4090");
        assertThat(body.path("releases").size()).isEqualTo(50);
        RadarOrder.assertRanked(body.path("releases"));
        // and it is the same list as asking for that machine by name
        JsonNode named = Surfaces.JSON.readTree(get("/api/v1/radar?gpu=RTX+4090&ram=64")).path("releases");
        assertThat(body.path("releases")).isEqualTo(named);
        // the CLI on this machine (detected, whatever it is) answers too, from the same store
        assertThat(Surfaces.JSON.readTree(Cli.json(List.of("radar", "--db", db, "--no-record")))).hasSize(20);
    }

    private static List<String> all(Pattern p, String s) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + pathAndQuery))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
