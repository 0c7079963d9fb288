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
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the Hugging Face Hub API on 127.0.0.1 (port 0), serving JSON written by the test. Listings are
 * sorted newest first and paged like the Hub's: {@code limit} repos a page, the next page named by a {@code Link:
 * <…&cursor=…>; rel="next"} header. Per path it can first answer scripted statuses (429, 500 …), answer 500 forever,
 * throw in the handler (a dropped connection), answer a raw body, or stream an endless one.
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
    /** Paths answered with these exact bytes (not JSON, the wrong shape …). */
    final Map<String, String> raw = new ConcurrentHashMap<>();
    /** Paths answered with a body that never ends (bytes written are counted in {@link #streamed}). */
    final Set<String> endless = ConcurrentHashMap.newKeySet();
    final AtomicLong streamed = new AtomicLong();
    /** Paths answered with a Content-Length this large, and then no body at all. */
    final Map<String, Long> declared = new ConcurrentHashMap<>();
    /** Paths answered with a 302 to the given Location (a CDN on another host, say). */
    final Map<String, String> redirects = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    /** Runs on every request before it is answered (a test moves its fake clock here: a slow Hub). */
    volatile Runnable onRequest = () -> { };
    private final HttpServer server;

    static {
        // Without TCP_NODELAY every answer waits ~40 ms for a delayed ACK (headers and body go out as two writes):
        // 200 requests would take 8 s. The pom sets it too, in case another server started first in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

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

    /** Moves a repo's lastModified in its listing and its detail: the repo changed on the Hub. */
    void touch(String id, String lastModified) {
        listings.get(id.substring(0, id.indexOf('/'))).forEach(n -> {
            if (n.path("id").asText().equals(id)) {
                ((ObjectNode) n).put("lastModified", lastModified);
            }
        });
        ((ObjectNode) details.get(id)).put("lastModified", lastModified);
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
        if (raw.containsKey(path)) {
            send(ex, 200, raw.get(path));
        } else if (endless.contains(path)) {
            sendEndless(ex);
        } else if (declared.containsKey(path)) {
            sendDeclared(ex, declared.get(path));
        } else if (path.equals("/api/models")) {
            listing(ex);
        } else if (path.startsWith("/api/models/") && details.containsKey(path.substring(12))) {
            send(ex, 200, details.get(path.substring(12)).toString());
        } else if (path.endsWith("/resolve/main/config.json")
                && configs.containsKey(path.substring(1, path.length() - 25))) {
            send(ex, 200, configs.get(path.substring(1, path.length() - 25)).toString());
        } else {
            send(ex, 404, "{\"error\":\"not found\"}");
        }
    }

    /** One page of an author's repos, newest first (ties by id), with a Link to the next page when there is one. */
    private void listing(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        List<JsonNode> all = new ArrayList<>();
        listings.getOrDefault(q.getOrDefault("author", ""), MAPPER.createArrayNode()).forEach(all::add);
        all.sort(Comparator.comparing((JsonNode n) -> n.path("lastModified").asText()).reversed()
                .thenComparing(n -> n.path("id").asText()));
        int from = Integer.parseInt(q.getOrDefault("cursor", "0"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "1000"));
        int to = Math.min(all.size(), from + limit);
        ArrayNode page = MAPPER.createArrayNode();
        all.subList(Math.min(from, to), to).forEach(page::add);
        if (to < all.size()) {
            String rawQuery = ex.getRequestURI().getRawQuery().replaceAll("&cursor=\\d+", "");
            ex.getResponseHeaders().add("Link", "<" + url() + "/api/models?" + rawQuery + "&cursor=" + to
                    + ">; rel=\"next\"");
        }
        send(ex, 200, page.toString());
    }

    /**
     * Declares {@code length} bytes and goes on sending until the client hangs up, as a hostile server would. Closing
     * at once instead raced the client: an end of stream right behind the headers could fail the exchange before the
     * client had read the declared length (a retried I/O error, not the refusal the test expects).
     */
    private void sendDeclared(HttpExchange ex, long length) throws IOException {
        ex.sendResponseHeaders(200, length);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream o = ex.getResponseBody()) {
            for (long sent = 0; sent < length; sent += chunk.length) {
                o.write(chunk);
                streamed.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            // the client hung up, as it should
        }
    }

    private void sendEndless(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        chunk[0] = '[';
        try (OutputStream o = ex.getResponseBody()) {
            for (long i = 0; i < (1L << 20); i++) {
                o.write(chunk);
                streamed.addAndGet(chunk.length);
                chunk[0] = ' ';
            }
        } catch (IOException e) {
            // the client hung up, as it should
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
