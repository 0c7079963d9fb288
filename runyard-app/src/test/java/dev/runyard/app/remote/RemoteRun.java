package dev.runyard.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.Main;
import dev.runyard.app.progress.WaitClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with a given environment (fast retries by default) and captures the outcome. */
record RemoteRun(int exit, String out, String err) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static RemoteRun of(Map<String, String> env, String... args) {
        return of(WaitClock.SYSTEM, env, args);
    }

    /** With network waits timed by {@code clock} (a fake the test moves, for progress checks). */
    static RemoteRun of(WaitClock clock, Map<String, String> env, String... args) {
        Map<String, String> e = new HashMap<>(Map.of("RUNYARD_HTTP_BACKOFF_MS", "1"));
        e.putAll(env);
        CommandLine cl = Main.newCommandLine(e::get, clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new RemoteRun(code, out.toString(), err.toString());
    }

    static RemoteRun of(String... args) {
        return of(Map.of(), args);
    }

    JsonNode json() {
        try {
            return MAPPER.readTree(out);
        } catch (Exception ex) {
            throw new AssertionError("not JSON: " + out + err, ex);
        }
    }
}
