package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every /api/v1 route through a real server: status, JSON shape, error shape, CORS, ETag, size limits. */
class ApiRoutesTest {
    private static JsonNode ok(HttpClient client, String path) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isEqualTo(200);
        assertThat(r.headers().get("Access-Control-Allow-Origin")).as(path).containsExactly("*");
        assertThat(r.headers().get("Content-Type").get(0)).as(path).startsWith("application/json");
        return TestApps.json(r.body().string());
    }

    private static JsonNode error(HttpClient client, String path, int status) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isEqualTo(status);
        String body = r.body().string();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        JsonNode e = TestApps.json(body);
        assertThat(e.has("error") && e.has("detail")).as(body).isTrue();
        assertThat(e.size()).isEqualTo(2);
        return e;
    }

    @Test
    void rankReturnsTheFitRecords() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode body = ok(client, "/api/v1/rank?gpu=RTX%204090&ram=64&use_case=coding&ctx=8K&min_tps=5&limit=5");
            assertThat(body.path("machine").asText()).contains("RTX 4090");
            assertThat(body.path("use_case").asText()).isEqualTo("coding");
            assertThat(body.path("results")).hasSize(5);
            JsonNode first = body.path("results").get(0);
            for (String f : List.of("model", "name", "quant", "engine", "context", "total_bytes", "device_bytes",
                    "host_bytes", "fit", "decode_tokens_per_s", "score", "score_components", "command", "notes")) {
                assertThat(first.has(f)).as(f).isTrue();
            }
            assertThat(first.path("context").asLong()).isGreaterThanOrEqualTo(8192);
            assertThat(first.path("decode_tokens_per_s").asDouble()).isGreaterThanOrEqualTo(5);
            JsonNode here = ok(client, "/api/v1/rank?limit=2");
            assertThat(here.path("results")).hasSize(2);
        });
    }

    @Test
    void gpuNoneRanksForACpuOnlyMachineAndRamTakesUnits() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode cpu = ok(client, "/api/v1/rank?gpu=none&ram=64&limit=3");
            assertThat(cpu.path("machine").asText()).isEqualTo("CPU only, 64 GiB RAM");
            assertThat(cpu.path("results")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.path("fit").asText()).isEqualTo("cpu_only"));
            assertThat(ok(client, "/api/v1/rank?gpu=none&ram=64GB&limit=1").path("machine").asText())
                    .isEqualTo("CPU only, 59.6 GiB RAM");
            assertThat(ok(client, "/api/v1/rank?gpu=none&ram=64%20GiB&limit=1").path("machine").asText())
                    .isEqualTo("CPU only, 64 GiB RAM");
            assertThat(error(client, "/api/v1/rank?gpu=none&ram=0", 400).path("error").asText()).contains("'ram'");
            assertThat(error(client, "/api/v1/rank?gpu=none&gpus=2&ram=64", 400).path("error").asText())
                    .contains("none");
        });
    }

    @Test
    void badNumbersAreNamedAndUnknownValuesRefused() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            assertThat(error(client, "/api/v1/rank?ram=lots", 400).path("error").asText()).contains("'ram'");
            assertThat(error(client, "/api/v1/rank?ctx=abc", 400).path("error").asText()).contains("'ctx'");
            assertThat(error(client, "/api/v1/rank?min_tps=-3", 400).path("error").asText()).contains("'min_tps'");
            assertThat(error(client, "/api/v1/rank?limit=0", 400).path("error").asText()).contains("'limit'");
            assertThat(error(client, "/api/v1/rank?gpus=2.5&gpu=RTX%203090", 400).path("error").asText()).contains("'gpus'");
            error(client, "/api/v1/rank?use_case=poetry", 400);
            error(client, "/api/v1/rank?gpu=Voodoo%205", 404);
        });
    }

    @Test
    void modelsListFiltersAndDetailTakesBothIdForms() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode all = ok(client, "/api/v1/models");
            assertThat(all.path("count").asInt()).isGreaterThan(100);
            JsonNode qwen = ok(client, "/api/v1/models?family=qwen3&search=8b");
            assertThat(qwen.path("models")).isNotEmpty();
            qwen.path("models").forEach(m -> assertThat(m.path("family").asText()).isEqualTo("qwen3"));
            assertThat(ok(client, "/api/v1/models?limit=3&offset=2").path("models")).hasSize(3);
            JsonNode plain = ok(client, "/api/v1/models/Qwen/Qwen3-8B");
            JsonNode encoded = ok(client, "/api/v1/models/Qwen%2FQwen3-8B");
            assertThat(encoded).isEqualTo(plain);
            assertThat(plain.path("id").asText()).isEqualTo("Qwen/Qwen3-8B");
            assertThat(plain.path("base_model").asText()).isEqualTo("Qwen/Qwen3-8B-Base");
            assertThat(plain.path("benchmarks").get(0).has("source")).isTrue();
            assertThat(error(client, "/api/v1/models/nobody/nothing", 404).path("detail").asText()).startsWith("closest:");
        });
    }

    @Test
    void calcHasQuantRowsContextColumnsFitsAndMaxContext() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode t = ok(client, "/api/v1/models/Qwen/Qwen3-8B/calc?gpu=RTX%203090");
            List<Long> ctxs = new ArrayList<>();
            t.path("contexts").forEach(c -> ctxs.add(c.asLong()));
            assertThat(ctxs).containsExactly(4096L, 8192L, 32768L, 131072L);
            List<String> quants = new ArrayList<>();
            t.path("rows").forEach(r -> quants.add(r.path("quant").asText()));
            assertThat(quants).startsWith("Q2_K").endsWith("BF16").contains("Q4_K_M", "Q8_0");
            JsonNode q4 = t.path("rows").get(quants.indexOf("Q4_K_M"));
            JsonNode cell = q4.path("cells").get(0);
            assertThat(cell.path("total_bytes").asLong()).isEqualTo(cell.path("weights_bytes").asLong()
                    + cell.path("kv_cache_bytes").asLong() + cell.path("overhead_bytes").asLong());
            assertThat(cell.path("fits").asBoolean()).isTrue();
            assertThat(q4.path("max_context").asLong()).isGreaterThan(8192);
            JsonNode bare = ok(client, "/api/v1/models/Qwen%2FQwen3-8B/calc");
            assertThat(bare.path("rows").get(0).path("cells").get(0).has("fits")).isFalse();
            assertThat(bare.path("capacity_bytes").isNull()).isTrue();
            error(client, "/api/v1/models/nobody/nothing/calc", 404);
        });
    }

    @Test
    void estimateGpusHardwareRadarRigsOpenApi() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode e = ok(client, "/api/v1/estimate?model=Qwen/Qwen3-8B&quant=Q4_K_M&ctx=8192&engine=llama.cpp&gpu=RTX%204090");
            assertThat(e.path("total_bytes").asLong()).isPositive();
            assertThat(e.path("breakdown")).isNotEmpty();
            assertThat(e.path("decode_tokens_per_s").asDouble()).isPositive();
            assertThat(error(client, "/api/v1/estimate?model=Qwen/Qwen3-8B", 400).path("error").asText()).contains("'quant'");
            error(client, "/api/v1/estimate?model=nope/nope&quant=Q4_K_M", 404);
            error(client, "/api/v1/estimate?model=Qwen/Qwen3-8B&quant=Q4_K_M&ctx=12x", 400);

            JsonNode gpus = ok(client, "/api/v1/gpus");
            assertThat(gpus.path("gpus").size()).isGreaterThan(10);
            assertThat(gpus.path("gpus").get(0).has("bandwidth_gbs")).isTrue();

            JsonNode hw = ok(client, "/api/v1/hardware/resolve?q=2x%20RTX%203090");
            assertThat(hw.path("device_count").asInt()).isEqualTo(2);
            error(client, "/api/v1/hardware/resolve", 400);
            error(client, "/api/v1/hardware/resolve?q=Voodoo%205", 404);

            // newest month first (each month ranked for the machine: RadarSurfacesAgreeTest holds that order)
            JsonNode radar = ok(client, "/api/v1/radar?gpu=RTX%204090&ram=64&limit=20");
            List<String> months = new ArrayList<>();
            radar.path("releases").forEach(r -> months.add(r.path("release_date").asText().substring(0, 7)));
            assertThat(months).hasSize(20).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(radar.path("releases").get(0).has("fit")).isTrue();
            JsonNode fits = ok(client, "/api/v1/radar?gpu=RTX%204090&fits=1");
            fits.path("releases").forEach(r -> assertThat(r.path("fit").asText()).isNotEqualTo("does_not_fit"));
            // since= keeps releases on or after the day, as radar --since does; a bad one is one line, 400
            ok(client, "/api/v1/radar?gpu=RTX%204090&since=2026-01-01").path("releases")
                    .forEach(r -> assertThat(r.path("release_date").asText()).isGreaterThanOrEqualTo("2026-01-01"));
            assertThat(error(client, "/api/v1/radar?since=yesterday", 400).path("error").asText())
                    .contains("parameter 'since' must be Nd or YYYY-MM-DD");
            error(client, "/api/v1/radar?since=2999-01-01", 400);

            assertThat(ok(client, "/api/v1/rigs").path("rigs").isArray()).isTrue();
            JsonNode api = ok(client, "/api/v1/openapi.json");
            assertThat(api.path("openapi").asText()).startsWith("3.");
            List<String> paths = new ArrayList<>();
            api.path("paths").fieldNames().forEachRemaining(paths::add);
            assertThat(paths).containsExactlyInAnyOrder("/rank", "/models", "/models/{id}", "/models/{id}/calc",
                    "/estimate", "/gpus", "/hardware/resolve", "/radar", "/rigs", "/openapi.json", "/search");
        });
    }

    @Test
    void etagsCorsLimitsAndUnknownRoutes() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            Response first = client.get("/api/v1/gpus");
            String etag = first.headers().get("ETag").get(0);
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            Response again = client.get("/api/v1/gpus", b -> b.header("If-None-Match", etag));
            assertThat(again.code()).isEqualTo(304);
            assertThat(again.body().string()).isEmpty();
            assertThat(client.get("/api/v1/gpus", b -> b.header("If-None-Match", "\"other\"")).code()).isEqualTo(200);

            Response pre = client.request("/api/v1/rank", b -> b.header("Origin", "https://example.org")
                    .header("Access-Control-Request-Method", "GET"));
            assertThat(pre.headers().get("Access-Control-Allow-Origin")).containsExactly("*");

            String big = "a".repeat(5000);
            Response tooLong = client.get("/api/v1/rank?x=" + big);
            assertThat(tooLong.code()).isEqualTo(414);
            assertThat(TestApps.json(tooLong.body().string()).has("error")).isTrue();
            assertThat(error(client, "/api/v1/rank?gpu=" + "b".repeat(600), 400).path("error").asText()).contains("gpu");
            error(client, "/api/v1/nothing-here", 404);
        });
    }
}
