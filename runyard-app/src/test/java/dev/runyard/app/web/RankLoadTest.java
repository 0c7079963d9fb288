package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load on {@code /api/v1/rank}, two rounds of 16 concurrent clients on loopback:
 * <ul>
 *   <li>distinct: 96 different hardware questions (24 GPUs and rigs × 4 RAM sizes), 6 per client, none asked before
 *       (the server ranks every one; only hardware-independent weight estimates are shared), after 8 warm-up
 *       questions on other hardware;</li>
 *   <li>repeated: 50 requests per client over 4 combinations already asked (the ranking cache).</li>
 * </ul>
 * Prints p50, p99 and max latency of each.
 * It is a measurement, not a unit test: tagged {@code load}, which surefire excludes by default. Run it with
 * <pre>./mvnw -B -pl runyard-app -am test -Drunyard.excludedGroups=none -Dgroups=load -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * (add {@code -o} to stay offline) and read the {@code rank load:} line in the output.
 * The only assertion is that every request succeeded.
 */
@Tag("load")
class RankLoadTest {
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 50;
    private static final List<String> QUERIES = List.of("gpu=RTX+4090&ram=64", "gpu=RTX+3090&ram=32&use_case=coding",
            "gpu=M3+Max+64GB&ctx=32K", "gpu=2x+RTX+3090&ram=128&min_tps=20");
    static final List<String> GPUS = List.of("RTX 3060 12GB", "RTX 3070", "RTX 3080", "RTX 3090", "RTX 4060 8GB",
            "RTX 4060 Ti 16GB", "RTX 4070", "RTX 4070 Ti", "RTX 4080", "RTX 4090", "RTX 5090", "RX 7900 XTX",
            "M2 Max 96GB", "M3 Max 64GB", "M4 Pro 48GB", "M2 Ultra 192GB", "A100 80GB", "H100", "L40S", "2x RTX 3090",
            "2x RTX 4090", "4x A100 80GB", "8x H200", "RTX A6000");
    static final List<Integer> RAM = List.of(16, 32, 64, 128);

    /** 96 distinct hardware questions, as the finder sends them. */
    static List<String> distinct() {
        List<String> out = new ArrayList<>();
        for (String g : GPUS) {
            for (int r : RAM) {
                out.add("gpu=" + g.replace(' ', '+') + "&ram=" + r);
            }
        }
        return out;
    }

    @Test
    void sixteenClientsAskNinetySixDistinctQuestions() throws Exception {
        // As `serve` does: the hardware-independent weight estimates are filled in the background at start; the
        // measurement begins once that is done (a server that has been up a minute).
        Javalin app = WebApp.create(new WebApp.Deps(TestApps.CATALOG, new MemoryRigStore(), TestApps.MACHINES).warming())
                .start("127.0.0.1", 0);
        WebApp.lastWarmUp.join(120_000);
        try {
            String base = "http://127.0.0.1:" + app.port() + "/api/v1/rank?";
            HttpClient warm = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            for (String g : List.of("RTX 2080 Ti", "RTX 3090 Ti", "M1 Max 64GB", "A10", "RTX 4080 Super", "H200",
                    "2x RTX 3060 12GB", "RX 6800 XT")) {
                warm.send(HttpRequest.newBuilder(URI.create(base + "gpu=" + g.replace(' ', '+') + "&ram=48")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            List<String> qs = distinct();
            assertThat(new java.util.HashSet<>(qs)).hasSize(96);
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                done.add(clients.submit(() -> {
                    HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = id; i < qs.size(); i += CLIENTS) {
                        long t0 = System.nanoTime();
                        HttpResponse<Void> r = own.send(HttpRequest.newBuilder(URI.create(base + qs.get(i)))
                                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
                        nanos.add(System.nanoTime() - t0);
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("status " + r.statusCode() + " for " + qs.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            System.out.printf("rank load (distinct hardware): %d requests, %d clients, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    sorted.size(), CLIENTS, pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
            assertThat(sorted).hasSize(96);
        } finally {
            app.stop();
        }
    }

    @Test
    void sixteenClientsOnRank() throws Exception {
        Javalin app = TestApps.app().start("127.0.0.1", 0);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            String base = "http://127.0.0.1:" + app.port() + "/api/v1/rank?";
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(pool).build();
            for (String q : QUERIES) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + q)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            }
            List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int id = c;
                done.add(clients.submit(() -> {
                    HttpClient own = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        String q = QUERIES.get((id + i) % QUERIES.size());
                        long t0 = System.nanoTime();
                        HttpResponse<Void> r = own.send(HttpRequest.newBuilder(URI.create(base + q))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        nanos.add(System.nanoTime() - t0);
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException("status " + r.statusCode());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            clients.shutdown();
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            System.out.printf("rank load: %d requests, %d clients, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.size(),
                    CLIENTS, pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
            assertThat(sorted).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        } finally {
            pool.shutdownNow();
            app.stop();
        }
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
