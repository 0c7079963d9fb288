package dev.runyard.app.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server on 127.0.0.1 for remote-read tests. {@link #file} serves a "virtual" file: real header bytes
 * followed by zeros up to a logical size, so a 50 MB model costs only its header in memory. Requests are recorded.
 * Public so that the sync's tests can use it as "another host" (a CDN) next to their fake Hub.
 */
public final class FakeServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    public record Request(String path, String range, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Body bytes the handlers managed to write. */
    final AtomicLong written = new AtomicLong();
    private volatile boolean closed;

    public FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Range"),
                    ex.getRequestHeaders().getFirst("Authorization")));
            HttpHandler h = routes.get(ex.getRequestURI().getPath());
            try (ex) {
                if (h == null) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    h.handle(ex);
                }
            } catch (IOException e) {
                // the client hung up; that is what some tests want
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String base() {
        return url("");
    }

    public FakeServer route(String path, HttpHandler h) {
        routes.put(path, h);
        return this;
    }

    /** Serves {@code head} then zeros up to {@code size}, honouring single byte ranges. */
    public FakeServer file(String path, byte[] head, long size) {
        return route(path, ex -> serveRange(ex, head, size));
    }

    public FakeServer json(String path, String body) {
        return route(path, ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            written.addAndGet(b.length);
        });
    }

    public FakeServer status(String path, int status) {
        return route(path, ex -> ex.sendResponseHeaders(status, -1));
    }

    public void serveRange(HttpExchange ex, byte[] head, long size) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m == null || !m.matches()) {
            ex.sendResponseHeaders(200, size);
            write(ex.getResponseBody(), head, 0, size);
            return;
        }
        long first = Long.parseLong(m.group(1));
        long last = Math.min(Long.parseLong(m.group(2)), size - 1);
        if (first >= size) {
            ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
            ex.sendResponseHeaders(416, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
        ex.sendResponseHeaders(206, last - first + 1);
        write(ex.getResponseBody(), head, first, last + 1);
    }

    /**
     * Answers ranges like {@link #file} but sends the body one byte every {@code every}: a server that never stalls
     * long enough for a read timeout, yet never finishes.
     */
    FakeServer drip(String path, byte[] head, long size, java.time.Duration every) {
        return route(path, ex -> {
            Matcher m = RANGE.matcher(String.valueOf(ex.getRequestHeaders().getFirst("Range")));
            long first = m.matches() ? Long.parseLong(m.group(1)) : 0;
            long last = m.matches() ? Math.min(Long.parseLong(m.group(2)), size - 1) : size - 1;
            ex.getResponseHeaders().set("Content-Range", "bytes " + first + "-" + last + "/" + size);
            ex.sendResponseHeaders(206, last - first + 1);
            for (long at = first; at <= last && !closed; at++) {
                ex.getResponseBody().write(at < head.length ? head[(int) at] : 0);
                ex.getResponseBody().flush();
                written.incrementAndGet();
                pause(every);
            }
        });
    }

    /** Accepts the request and never answers, until the server is closed. */
    FakeServer silent(String path) {
        return route(path, ex -> {
            while (!closed) {
                pause(java.time.Duration.ofMillis(20));
            }
        });
    }

    private static void pause(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes bytes [from, to) of head-then-zeros. */
    void write(OutputStream out, byte[] head, long from, long to) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        for (long at = from; at < to; ) {
            int n = (int) Math.min(chunk.length, to - at);
            java.util.Arrays.fill(chunk, (byte) 0);
            if (at < head.length) {
                System.arraycopy(head, (int) at, chunk, 0, (int) Math.min(n, head.length - at));
            }
            out.write(chunk, 0, n);
            written.addAndGet(n);
            at += n;
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
    }
}
