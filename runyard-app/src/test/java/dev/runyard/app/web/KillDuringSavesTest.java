package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.store.CatalogStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code runyard serve} processes on one SQLite store, writers saving rigs through both, then kill -9 of both in
 * the middle of the saves: every acknowledged save is in the store afterwards, and no temporary file is left in the
 * data directory (the old rigs.json writer left rigs*.tmp files behind).
 */
class KillDuringSavesTest {
    private static final Pattern LISTENING = Pattern.compile("Runyard on (http://127\\.0\\.0\\.1:\\d+)/");

    @TempDir
    Path dir;

    private Process serve(Path db, Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.runyard.app.Main", "serve", "--port", "0", "--db", db.toString()).redirectErrorStream(true);
        pb.environment().put("XDG_DATA_HOME", data.toString());
        pb.environment().remove("RUNYARD_DB");
        return pb.start();
    }

    /** The server's base URL from its first line; a server that says nothing for a minute is killed. */
    private static String baseOf(Process p) throws Exception {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(60_000);
                p.destroyForcibly();
            } catch (InterruptedException e) {
                // started in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return readBase(p);
        } finally {
            watchdog.interrupt();
        }
    }

    private static String readBase(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("serve did not start: " + seen);
    }

    @Test
    void killNineDuringSavesLosesNoAcknowledgedSaveAndLeavesNoTemporaryFiles() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path db = data.resolve("runyard").resolve("runyard.db");
        List<Process> servers = List.of(serve(db, data), serve(db, data));
        try {
            List<String> bases = new ArrayList<>();
            for (Process p : servers) {
                bases.add(baseOf(p));
            }
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    HttpClient http = RigsConcurrencyTest.http();
                    for (int i = 0; i < 45 && !stop.get(); i++) {
                        String name = "k" + writer + "-" + i;
                        if (RigsConcurrencyTest.save(http, bases.get((writer + i) % 2), name)) {
                            acknowledged.add(name);
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acknowledged.size() < 40) {
                assertThat(System.nanoTime()).as("40 saves answered within 2 minutes").isLessThan(giveUp);
                Thread.sleep(5);
            }
            servers.forEach(Process::destroyForcibly); // SIGKILL: no shutdown hook, no flush, mid-transaction
            for (Process p : servers) {
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            stop.set(true);
            for (Thread t : writers) {
                t.join(60_000);
            }
            Set<String> stored = new StoreRigStore(CatalogStore.open(db.toString())).list().stream().map(Rig::name)
                    .collect(Collectors.toSet());
            System.out.printf("kill -9 during saves: %d acknowledged, %d stored, %d lost%n", acknowledged.size(),
                    stored.size(), acknowledged.stream().filter(n -> !stored.contains(n)).count());
            assertThat(stored).containsAll(acknowledged);
            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(40);
            try (Stream<Path> files = Files.walk(data)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        } finally {
            servers.forEach(Process::destroyForcibly);
        }
    }
}
