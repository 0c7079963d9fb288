package dev.runyard.app.web;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * After the ranking warm-up, a started server asks itself for rankings over loopback HTTP: the request path (Jetty,
 * Javalin, query parsing, the answer's ETag, the hardware description) runs for the first time here instead of under
 * the first visitors, and the cached answers are asked for again until the HTTP code is compiled. Measured on a 2-core
 * VM, code first run under load (regex, formatters, lambdas spun at first use) kept C1 and C2 busy for 0.3-0.6 s of
 * every set of 96 new questions (docs/ranking.md). Failures are ignored: it only warms.
 */
public final class HttpWarmUp {
    /** Distinct questions asked once each (each a real ranking, then cached). */
    static final int DISTINCT = RankService.WARM_UP_GPUS.size();
    /** Cached answers asked for afterwards, round robin: enough invocations for C2 to compile the HTTP path. */
    static final int REPEATS = 10_000;

    private HttpWarmUp() {
    }

    /** Starts a daemon thread that waits for the ranking warm-up, then warms the HTTP path of {@code app}. */
    public static Thread startAfterRankingWarmUp(Javalin app, String host) {
        Thread ranking = WebApp.lastWarmUp;
        String h = host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1"
                : host.contains(":") ? "[" + host + "]" : host;
        String base = "http://" + h + ":" + app.port();
        Thread t = new Thread(() -> {
            try {
                if (ranking != null) {
                    ranking.join();
                }
                run(base, REPEATS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runyard-http-warm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * Asks each warm-up question once, then {@code repeats} cached ones over {@link #CONNECTIONS} connections at once;
     * stops at the first that gets no answer. Returns how many were answered.
     */
    static int run(String base, int repeats) {
        List<String> paths = new ArrayList<>();
        for (String gpu : RankService.WARM_UP_GPUS) {
            // A RAM size the ranking warm-up did not use, so each is a new question.
            paths.add("/api/v1/rank?gpu=" + URLEncoder.encode(gpu, StandardCharsets.UTF_8) + "&ram=40");
        }
        for (int i = 0; i < paths.size(); i++) {
            if (!get(base + paths.get(i))) {
                return i; // the server is not answering on this address: nothing to warm
            }
        }
        // Concurrent clients, as visitors come: with one connection the paths taken only under contention (a write
        // the socket cannot take at once, a contended lock, a busy buffer pool) stay cold, and C2 deoptimised and
        // recompiled them (about 1 s of a core for Jetty's SendCallback alone) during the first sets of visitors.
        AtomicInteger answered = new AtomicInteger(paths.size());
        AtomicBoolean failed = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int first = c;
            Thread t = new Thread(() -> {
                for (int i = first; i < repeats && !failed.get(); i += CONNECTIONS) {
                    if (get(base + paths.get(i % paths.size()))) {
                        answered.incrementAndGet();
                    } else {
                        failed.set(true);
                    }
                }
            }, "runyard-http-warm-" + c);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            clients.add(t);
            t.start();
        }
        for (Thread t : clients) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.set(true);
            }
        }
        return answered.get();
    }

    /** Connections of the cached-answer phase: as many as the load test's clients. */
    static final int CONNECTIONS = 16;

    private static boolean get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10_000);
            try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes(); // read to the end so the connection is kept alive
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
