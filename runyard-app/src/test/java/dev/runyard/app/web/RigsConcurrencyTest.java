package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.TestDatabases;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two servers on one store (each with its own connections, as two processes would have), many writers saving rigs
 * through the page's form at once: every save the servers acknowledged (303) is stored, nothing else is. With the
 * shared rigs.json two servers lost 66 and 68 of 150 acknowledged saves.
 */
class RigsConcurrencyTest {
    static final int WRITERS = 6;
    static final int SAVES_EACH = 25;

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** POSTs the form as a browser on that server's own page would; true when the server acknowledged it (303). */
    static boolean save(HttpClient http, String base, String name) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/rigs")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&gpu=RTX+3090&ram=64")).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 303;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void twoServersManyWritersLoseNoAcknowledgedSave(TestDatabases db) throws Exception {
        String spec = db.newDb();
        List<Javalin> servers = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            Javalin app = TestApps.app(new StoreRigStore(CatalogStore.open(spec))).start("127.0.0.1", 0);
            servers.add(app);
            bases.add("http://127.0.0.1:" + app.port());
        }
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    HttpClient http = http();
                    for (int i = 0; i < SAVES_EACH; i++) {
                        String name = "w" + writer + "-" + i;
                        if (save(http, bases.get((writer + i) % 2), name)) {
                            acknowledged.add(name);
                        }
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            servers.forEach(Javalin::stop);
        }
        Set<String> stored = new StoreRigStore(CatalogStore.open(spec)).list().stream().map(Rig::name)
                .collect(Collectors.toSet());
        System.out.printf("%s, two servers: %d saves tried, %d acknowledged, %d stored%n", db, WRITERS * SAVES_EACH,
                acknowledged.size(), stored.size());
        assertThat(acknowledged).hasSize(WRITERS * SAVES_EACH);
        assertThat(stored).isEqualTo(acknowledged);
    }
}
