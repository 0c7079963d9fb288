package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.javalin.testtools.Response;
import org.junit.jupiter.api.Test;

/**
 * The web app as a product, without a browser: search, hardware carried from page to page, the finder's live
 * fragment, Apple sizes, contradictions, cached pages, error pages with a way on, and the charts' text alternatives.
 */
class WebProductTest {
    private static String page(io.javalin.testtools.HttpClient client, String path) throws Exception {
        Response r = client.get(path);
        String body = r.body().string();
        assertThat(r.code()).as(path + ": " + body).isEqualTo(200);
        return body;
    }

    private static List<String> ids(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    @Test
    void searchIsFuzzyOnNameFamilyAndSize() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            JsonNode v4 = TestApps.json(page(client, "/api/v1/search?q=v4+flash"));
            assertThat(ids(v4.path("results")).get(0)).isEqualTo("deepseek-ai/DeepSeek-V4-Flash");
            JsonNode qwen = TestApps.json(page(client, "/api/v1/search?q=qwen+27b&limit=5"));
            assertThat(ids(qwen.path("results"))).isNotEmpty().allSatisfy(id -> assertThat(id).containsIgnoringCase("qwen")
                    .contains("27B"));
            JsonNode typo = TestApps.json(page(client, "/api/v1/search?q=deepsek+r1"));
            assertThat(ids(typo.path("results"))).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("deepseek-ai/"));
            assertThat(TestApps.json(page(client, "/api/v1/search?q=zzzzqqq")).path("results")).isEmpty();
            Response missing = client.get("/api/v1/search");
            assertThat(missing.code()).isEqualTo(400);
            assertThat(TestApps.json(missing.body().string()).path("error").asText()).contains("'q' is required");

            String results = page(client, "/search?q=gemma+27b&gpu=RTX+4090&ram=64");
            assertThat(results).contains("<table id=\"models\" class=\"sortable\"", "gemma-3-27b-it?gpu=RTX+4090&amp;ram=64");
            String all = page(client, "/search");
            assertThat(all).contains("models in the catalog.");
            assertThat(count(all, "<tr><td><a href=\"/models/")).isEqualTo(TestApps.CATALOG.models().size());
            assertThat(page(client, "/search?q=zzzzqqq")).contains("0 models of", "browse all");
        });
    }

    @Test
    void hardwareFollowsFromPageToPage() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String finder = page(client, "/?gpu=RTX+3090&gpus=2&ram=96");
            // every model link, the navigation and the search box carry the machine
            Matcher m = Pattern.compile("href=\"(/models/[^\"]+)\"").matcher(finder);
            int links = 0;
            while (m.find()) {
                assertThat(m.group(1)).endsWith("?gpu=RTX+3090&amp;gpus=2&amp;ram=96");
                links++;
            }
            assertThat(links).isGreaterThan(5);
            assertThat(finder).contains("href=\"/radar?gpu=RTX+3090&amp;gpus=2&amp;ram=96\"",
                    "<input type=\"hidden\" name=\"gpu\" value=\"RTX 3090\">", "id=\"hw-chip\"", "2x GeForce RTX 3090");
            String model = page(client, "/models/Qwen/Qwen3-8B?gpu=RTX+3090&gpus=2&ram=96");
            assertThat(model).contains("Against <strong>2x GeForce RTX 3090", "id=\"hw-chip\"");
            String radar = page(client, "/radar?gpu=RTX+3090&gpus=2&ram=96");
            assertThat(radar).contains("Fit on <strong>2x GeForce RTX 3090");
            String compare = page(client, "/compare?models=Qwen/Qwen3-8B,Qwen/Qwen3-4B&gpu=RTX+3090&gpus=2&ram=96");
            assertThat(compare).contains("Best on 2x GeForce RTX 3090");
        });
    }

    @Test
    void liveFragmentIsTheSameRendererAndRefusesUnknownGpus() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String fragment = page(client, "/fragments/finder?gpu=RTX+4090&ram=64&engine=llama.cpp&limit=10");
            String full = page(client, "/?gpu=RTX+4090&ram=64&engine=llama.cpp&limit=10");
            assertThat(full).contains(fragment);
            assertThat(count(fragment, "<tr><td class=\"num\" data-sort=")).isEqualTo(10);
            assertThat(fragment).contains("id=\"speed-quality\"", "class=\"badge ");
            // the whole state is in the form, so the URL the live update writes keeps engine and limit
            assertThat(full).contains("<option value=\"llama.cpp\" selected>", "<option value=\"10\" selected>");
            for (String gpu : new String[]{"R", "RTX", "voodoo+5"}) {
                Response bad = client.get("/fragments/finder?gpu=" + gpu);
                assertThat(bad.code()).as(gpu).isBetween(400, 404);
                assertThat(TestApps.json(bad.body().string()).path("error").asText()).contains("unknown GPU");
            }
        });
    }

    @Test
    void applePagesTakeTheirSizeAndContradictionsAreNamed() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String small = page(client, "/gpus/apple-m3max-40c");
            assertThat(small).contains("<select id=\"memory\" name=\"memory\">");
            String big = page(client, "/gpus/apple-m3max-40c?memory=128");
            assertThat(big).contains("M3 Max (40-core GPU) 128 GiB", "<option value=\"128\" selected>");
            Response wrong = client.get("/gpus/apple-m3max-40c?memory=17");
            assertThat(wrong.code()).isEqualTo(400);
            String finder = page(client, "/?gpu=M3+Max+128GB&ram=16");
            assertThat(finder).contains("class=\"warning\"", "unified memory", "contradicts");
        });
    }

    @Test
    void aFieldTypedOverARigChangesOnlyThatField() {
        MemoryRigStore rigs = new MemoryRigStore();
        rigs.save(new Rig("desk", "RTX 3090", 64.0));
        JavalinTest.test(TestApps.app(rigs), (server, client) -> {
            assertThat(page(client, "/?rig=desk")).contains("1x GeForce RTX 3090");
            String overridden = page(client, "/fragments/finder?rig=desk&ram=16");
            assertThat(overridden).contains("1x GeForce RTX 3090").doesNotContain("RTX 4090");
        });
    }

    @Test
    void pagesAreCachedWithEtagsAndErrorsKeepTheFrame() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            Response first = client.get("/models/Qwen/Qwen3-8B?gpu=RTX+4090");
            String etag = first.headers().get("ETag").get(0);
            String body = first.body().string();
            Response again = client.get("/models/Qwen/Qwen3-8B?gpu=RTX+4090");
            assertThat(again.body().string()).isEqualTo(body);
            assertThat(client.get("/models/Qwen/Qwen3-8B?gpu=RTX+4090", b -> b.header("If-None-Match", etag)).code()).isEqualTo(304);
            // the same question with its parameters in another order is the same page
            assertThat(client.get("/?ram=64&gpu=RTX+4090").headers().get("ETag"))
                    .isEqualTo(client.get("/?gpu=RTX+4090&ram=64").headers().get("ETag"));
            Response missing = client.get("/models/nope/nope");
            assertThat(missing.code()).isEqualTo(404);
            assertThat(missing.body().string()).contains("<nav aria-label=\"Main\">", "role=\"search\"", "unknown model");
        });
    }

    @Test
    void chartsTellTheStoryWithTextAlternatives() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String model = page(client, "/models/Qwen/Qwen3-8B?gpu=RTX+4090");
            assertThat(model).contains("class=\"limit-label\"", "usable memory of", "id=\"ctx-table\"");
            // memory against context starts at 1K and doubles up to the model's longest context
            String ctxTable = model.substring(model.indexOf("id=\"ctx-table\""));
            assertThat(ctxTable).contains(">1K<", ">2K<", ">4K<", ">8K<", ">16K<", ">32K<");
            String radar = page(client, "/radar?gpu=RTX+4090&ram=64");
            assertThat(radar).contains("id=\"radar-timeline\"", "fits your hardware", "id=\"frontier\"", "id=\"frontier-table\"");
            String finder = page(client, "/?gpu=RTX+4090&ram=64");
            assertThat(finder).contains("id=\"speed-quality\"", "the table is this chart's data");
        });
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
