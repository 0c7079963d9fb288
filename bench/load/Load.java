import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
        // CLIENT_WARMUP=N: each client first asks N times for a cached answer (CLIENT_WARMUP_PATH, default a question
        // serve's own warm-up asked), unmeasured, so this JVM's interpreter and JIT are past their start when the
        // measured round begins (wrk, a native client, has none).
        int warm = Integer.parseInt(System.getenv().getOrDefault("CLIENT_WARMUP", "0"));
        if (warm > 0) {
            String p = System.getenv().getOrDefault("CLIENT_WARMUP_PATH", "/api/v1/rank?gpu=RTX+2060&ram=40");
            System.out.print("client warm-up: ");
            round(base, Collections.nCopies(warm * clients, p), clients);
        }
        for (int r = 1; r <= rounds; r++) {
            System.out.print(rounds > 1 ? "round " + r + ": " : "");
            round(base, paths, clients);
        }
    }

    static void round(String base, List<String> paths, int clients) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        List<String> timeline = Collections.synchronizedList(new ArrayList<>()); // latency|start|path, for SLOWEST
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int id = c;
            done.add(pool.submit(() -> {
                // One keep-alive connection per client with a plain blocking socket, as wrk does: the JDK's HttpClient
                // spends more CPU per request than the server on a 2-core machine and would measure itself.
                URI u = URI.create(base);
                try (RawClient http = new RawClient(u.getHost(), u.getPort())) {
                    for (int i = id; i < paths.size(); i += clients) {
                        long t = System.nanoTime();
                        int status = http.get(paths.get(i));
                        nanos.add(System.nanoTime() - t);
                        timeline.add((System.nanoTime() - t) + "|" + (t - t0) + "|" + paths.get(i));
                        if (status != 200) {
                            failures.add(status + " " + paths.get(i));
                        }
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
        // SLOWEST=N prints the N slowest requests with when they started in the round: a tail at the round's start
        // is the server's first contact (connections, threads), one in the middle a pause or a compilation.
        int slowest = Integer.parseInt(System.getenv().getOrDefault("SLOWEST", "0"));
        timeline.stream().map(l -> l.split("\\|", 3))
                .sorted((a, b) -> Long.compare(Long.parseLong(b[0]), Long.parseLong(a[0]))).limit(slowest)
                .forEach(l -> System.out.printf("slow: %.1f ms, started at %.1f ms, %s%n", Long.parseLong(l[0]) / 1e6,
                        Long.parseLong(l[1]) / 1e6, l[2]));
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    /** HTTP/1.1 GET over one kept-alive socket: reads the status, the headers and a Content-Length or chunked body. */
    static final class RawClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.BufferedInputStream in;
        private final java.io.OutputStream out;
        private final String host;

        RawClient(String host, int port) throws java.io.IOException {
            this.socket = new java.net.Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            this.in = new java.io.BufferedInputStream(socket.getInputStream(), 65536);
            this.out = socket.getOutputStream();
            this.host = host + ":" + port;
        }

        int get(String path) throws java.io.IOException {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: */*\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.split(" ")[1]);
            long length = -1;
            boolean chunked = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String l = h.toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("content-length:")) {
                    length = Long.parseLong(l.substring(15).strip());
                } else if (l.startsWith("transfer-encoding:") && l.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long n = Long.parseLong(line().strip(), 16); n > 0; n = Long.parseLong(line().strip(), 16)) {
                    skip(n);
                    line();
                }
                line();
            } else if (length > 0) {
                skip(length);
            }
            return code;
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException();
                    }
                    k = 1;
                }
                n -= k;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder sb = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }
}
