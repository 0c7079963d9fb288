package dev.runyard.app.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.testing.Cli;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.BundledCatalogSource;
import dev.runyard.app.web.MemoryRigStore;
import dev.runyard.app.web.WebApp;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every surface of Runyard, asked from a test: the CLI in-process (its {@code --json}), the JSON API and the HTML
 * pages of one server started on a free loopback port. Listings (fit, /rank) are cached per question: they rank the
 * whole catalog.
 */
final class Surfaces implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, JsonNode> listings = new ConcurrentHashMap<>();

    Surfaces() {
        // The server's "this machine" is never used here: every question names its hardware.
        app = WebApp.create(new WebApp.Deps(new BundledCatalogSource(), new MemoryRigStore(),
                (gpu, gpus, ram) -> MachineResolver.resolve(gpu, gpus, ram)));
        app.start("127.0.0.1", 0);
    }

    /** Runs the CLI; fails the test with its stderr unless it exits 0. */
    JsonNode cli(List<String> args) {
        return read(Cli.json(args));
    }

    JsonNode cachedCli(List<String> args) {
        return listings.computeIfAbsent("cli " + args, k -> cli(args));
    }

    JsonNode api(String path, Map<String, String> params) {
        return read(get(path, params));
    }

    JsonNode cachedApi(String path, Map<String, String> params) {
        return listings.computeIfAbsent("api " + path + params, k -> api(path, params));
    }

    String page(String path, Map<String, String> params) {
        return get(path, params);
    }

    private String get(String path, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path + q))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + q + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + s, e);
        }
    }

    /** A copy without the keys a surface adds around the plan (machine, use case). */
    static JsonNode without(JsonNode n, String... keys) {
        ObjectNode o = n.deepCopy();
        for (String k : keys) {
            o.remove(k);
        }
        return o;
    }

    @Override
    public void close() {
        app.stop();
    }
}
