import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded wrk-style load client, run as its own process so the server's CPU is not shared with the client's JIT:
 * {@code java bench/load/Load.java BASE_URL PATHS_FILE [CLIENTS] [ROUNDS]}. Every path in the file is requested once
 * per round, spread over CLIENTS connections (default 16), each client sending its share one after another. Prints,
 * per round, the count, status failures, p50, p99 and max latency in ms. Later rounds run with the client's own JIT
 * warm (the first round's tail includes it). See bench/load/README.md.
 */
public class Load {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        List<String> paths = Files.readAllLines(Path.of(args[1])).stream().filter(l -> !l.isBlank()).toList();
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        for (int r = 1; r <= rounds; r++) {
            System.out.print(rounds > 1 ? "round " + r + ": " : "");
            round(base, paths, clients);
        }
    }

    static void round(String base, List<String> paths, int clients) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int id = c;
            done.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                for (int i = id; i < paths.size(); i += clients) {
                    long t = System.nanoTime();
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + paths.get(i)))
                            .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
                    nanos.add(System.nanoTime() - t);
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + paths.get(i));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        System.out.printf("%d requests, %d clients, %d failed, wall %.0f ms, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                s.size(), clients, failures.size(), (System.nanoTime() - t0) / 1e6, pct(s, 0.5), pct(s, 0.99),
                s.get(s.size() - 1) / 1e6);
        failures.stream().limit(5).forEach(f -> System.out.println("failed: " + f));
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
