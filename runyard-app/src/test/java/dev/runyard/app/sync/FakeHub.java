package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for the Hugging Face Hub API on 127.0.0.1 (port 0), serving JSON written by the test. Per path it
 * can first answer scripted statuses (429, 500 …), answer 500 forever, or throw in the handler (a dropped connection).
 */
final class FakeHub implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final int THROW = -1;

    final Map<String, ArrayNode> listings = new ConcurrentHashMap<>();
    final Map<String, JsonNode> details = new ConcurrentHashMap<>();
    final Map<String, JsonNode> configs = new ConcurrentHashMap<>();
    /** Statuses answered before the real answer, per path (without query); a trailing 500 with forever repeats. */
    final Map<String, Deque<Integer>> script = new ConcurrentHashMap<>();
    final Map<String, Integer> forever = new ConcurrentHashMap<>();
    /** Paths answered with a 302 to the given Location (a CDN on another host, say). */
    final Map<String, String> redirects = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    /** Runs on every request before it is answered (a test moves its fake clock here: a slow Hub). */
    volatile Runnable onRequest = () -> { };
    private final HttpServer server;

    FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A listed repo with its detail answer; returns the detail so the test can add fields. */
    ObjectNode repo(String author, String id, String lastModified) {
        ObjectNode n = MAPPER.createObjectNode().put("id", id).put("author", author).put("lastModified", lastModified)
                .put("createdAt", lastModified);
        listings.computeIfAbsent(author, a -> MAPPER.createArrayNode()).add(n);
        ObjectNode d = n.deepCopy();
        d.putArray("tags");
        d.putArray("siblings");
        d.putObject("cardData");
        details.put(id, d);
        return d;
    }

    void scriptThen(String path, Integer... statuses) {
        script.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    long count(String prefix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.startsWith(prefix)).count();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        onRequest.run();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        String location = redirects.get(path);
        if (location != null) {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        Integer always = forever.get(path);
        Deque<Integer> pending = script.get(path);
        Integer status = always != null ? always : pending == null ? null : pending.poll();
        if (status != null && status == THROW) {
            throw new IllegalStateException("fake hub handler crashed on " + path);
        }
        if (status != null) {
            if (status == 429) {
                ex.getResponseHeaders().add("Retry-After", "0");
            }
            send(ex, status, "{\"error\":\"scripted\"}");
            return;
        }
        if (path.equals("/api/models")) {
            String author = query(ex).getOrDefault("author", "");
            send(ex, 200, listings.getOrDefault(author, MAPPER.createArrayNode()).toString());
        } else if (path.startsWith("/api/models/") && details.containsKey(path.substring(12))) {
            send(ex, 200, details.get(path.substring(12)).toString());
        } else if (path.endsWith("/resolve/main/config.json")
                && configs.containsKey(path.substring(1, path.length() - 25))) {
            send(ex, 200, configs.get(path.substring(1, path.length() - 25)).toString());
        } else {
            send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> m = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                String[] p = kv.split("=", 2);
                m.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
