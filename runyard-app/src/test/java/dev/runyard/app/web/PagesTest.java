package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.store.CatalogStore;
import io.javalin.testtools.FormBody;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every page through a real server: status, key content, accessibility basics, ETags, rigs, errors as HTML. */
class PagesTest {
    private static final Pattern INPUT_ID = Pattern.compile("<(?:input|select)(?![^>]*type=\"hidden\")[^>]*\\sid=\"([^\"]+)\"");

    private static String page(HttpClient client, String path) {
        Response r = client.get(path);
        assertThat(r.code()).as(path).isEqualTo(200);
        assertThat(r.headers().get("Content-Type").get(0)).startsWith("text/html");
        String html = r.body().string();
        assertThat(html).startsWith("<!doctype html>").contains("<html lang=\"en\">");
        Matcher m = INPUT_ID.matcher(html);
        while (m.find()) {
            assertThat(html).as("label for #" + m.group(1) + " on " + path).contains("<label for=\"" + m.group(1) + "\"");
        }
        return html;
    }

    @Test
    void finderRendersTheRankedTableServerSide() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String html = page(client, "/?gpu=RTX+4090&ram=64&use_case=coding&ctx=8192&min_tps=10");
            assertThat(html).contains("<form id=\"finder\"", "<datalist id=\"gpu-list\"", "<table id=\"results\"",
                    "RTX 4090", "href=\"/models/", "<option value=\"coding\" selected>", "id=\"here\"");
            assertThat(page(client, "/")).contains("<table id=\"results\"");
            // Licence and kind filters, the engine of each row, and the score taken apart in a tooltip.
            String filtered = page(client, "/?gpu=RTX+4090&ram=64&license=commercial&kind=coder");
            assertThat(filtered).contains("<option value=\"commercial\" selected>", "<option value=\"coder\" selected>",
                    "<th scope=\"col\">Engine</th>", "title=\"0.7 x quality ");
            assertThat(filtered).doesNotContain("google/gemma"); // Gemma's licence has conditions: not "commercial"
            Response bad = client.get("/?ram=much");
            assertThat(bad.code()).isEqualTo(400);
            assertThat(bad.body().string()).contains("<html lang=\"en\">", "&#39;ram&#39;").doesNotContain("Exception");
        });
    }

    @Test
    void modelPageHasFactsLineageChartsSpeedsAndCommands() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String html = page(client, "/models/Qwen/Qwen3-8B?gpu=RTX+3090&ctx=32K");
            assertThat(html).contains("<h1>Qwen3-8B</h1>", "id=\"lineage\"", "Qwen/Qwen3-8B-Base", "id=\"benchmarks\"",
                    "<svg id=\"vram-bars\"", "<svg id=\"ctx-chart\"", "class=\"limit\"", "Max context that fits",
                    "id=\"engines\"", "id=\"artifacts\"", "codebasic/Qwen3-8B-GGUF", "files not listed", "id=\"speeds\"", "RTX 4090", "RTX 3090", "H100", "llama-server -hf", "ollama run", "vllm serve",
                    "MLX runs on Apple silicon only", "class=\"copy\"", "<option value=\"32768\" selected>");
            assertThat(page(client, "/models/Qwen%2FQwen3-8B")).contains("<h1>Qwen3-8B</h1>").doesNotContain("class=\"limit\"");
            Response missing = client.get("/models/nobody/nothing");
            assertThat(missing.code()).isEqualTo(404);
            assertThat(missing.body().string()).contains("unknown model");
        });
    }

    @Test
    void gpuRadarCompareAtomAndStatic() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            assertThat(page(client, "/gpus/RTX%204090")).contains("id=\"best\"", "coding", "<table id=\"results\"");
            assertThat(client.get("/gpus/voodoo-5").code()).isEqualTo(404);
            String radar = page(client, "/radar?gpu=RTX+4090&ram=64&fits=1");
            assertThat(radar).contains("id=\"timeline\"", "<time datetime=", "id=\"fits\" name=\"fits\" type=\"checkbox\" value=\"1\" checked");
            assertThat(page(client, "/radar")).contains("/radar.atom");
            Response atom = client.get("/radar.atom");
            assertThat(atom.code()).isEqualTo(200);
            assertThat(atom.headers().get("Content-Type").get(0)).startsWith("application/atom+xml");
            assertThat(atom.body().string()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "<updated>");
            String compare = page(client, "/compare?models=Qwen/Qwen3-8B,Qwen/Qwen3-4B&gpu=RTX+4090");
            assertThat(compare).contains("<table id=\"compare\"", "Qwen3-4B", "Q4_K_M at 8K", "Best on");
            assertThat(page(client, "/compare")).contains("Name two or more models");
            // one bad id names itself; the good ones still compare
            Response partial = client.get("/compare?models=Qwen/Qwen3-8B,nope/nope,Qwen/Qwen3-4B");
            assertThat(partial.code()).isEqualTo(200);
            assertThat(partial.body().string()).contains("Not in the catalog: <strong>nope/nope</strong>", "<table id=\"compare\"",
                    "Qwen3-4B");
            Response js = client.get("/static/app.js");
            assertThat(js.code()).isEqualTo(200);
            assertThat(js.body().string()).contains("history.replaceState", "/fragments/finder", "navigator.clipboard");
            assertThat(client.get("/static/app.css").code()).isEqualTo(200);
            assertThat(client.get("/static/secret.txt").code()).isEqualTo(404);
            String etag = client.get("/radar").headers().get("ETag").get(0);
            assertThat(client.get("/radar", b -> b.header("If-None-Match", etag)).code()).isEqualTo(304);
        });
    }

    @Test
    void savedRigsPersistAndAppearInTheSelectOnEveryPage() throws Exception {
        String db = java.nio.file.Files.createTempDirectory("runyard-rigs").resolve("rigs.db").toString();
        JavalinTest.test(TestApps.app(new StoreRigStore(CatalogStore.open(db))), (server, client) -> {
            FormBody form = new FormBody.Builder().add("name", "desk").add("gpu", "RTX 3090").add("ram", "64").build();
            String origin = client.getOrigin();
            Response saved = client.request("/rigs", b -> b.post(form).header("Origin", origin));
            assertThat(saved.code()).as(saved.body().string()).isEqualTo(303);
            assertThat(saved.headers().get("Location")).containsExactly("/?rig=desk");
            assertThat(page(client, "/?rig=desk")).contains("<option value=\"desk\" selected>", "RTX 3090");
            assertThat(page(client, "/radar")).contains("<option value=\"desk\"");
            assertThat(page(client, "/models/Qwen/Qwen3-8B?rig=desk")).contains("Against <strong>1x GeForce RTX 3090");
            assertThat(TestApps.json(client.get("/api/v1/rigs").body().string()).path("rigs").get(0).path("name").asText())
                    .isEqualTo("desk");
            FormBody bad = new FormBody.Builder().add("name", "x").add("ram", "lots").build();
            assertThat(client.request("/rigs", b -> b.post(bad).header("Origin", origin)).code()).isEqualTo(400);
            FormBody unknown = new FormBody.Builder().add("name", "x").add("gpu", "Voodoo 5").build();
            assertThat(client.request("/rigs", b -> b.post(unknown).header("Origin", origin)).code()).isEqualTo(404);
        });
        assertThat(new StoreRigStore(CatalogStore.open(db)).list()).extracting(Rig::name).containsExactly("desk");
    }
}
