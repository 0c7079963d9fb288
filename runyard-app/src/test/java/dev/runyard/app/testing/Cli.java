package dev.runyard.app.testing;

import dev.runyard.app.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the whole CLI (serve included) in-process with {@code --json} and returns stdout; fails on a non-zero exit. */
public final class Cli {
    private Cli() {
    }

    public static String json(List<String> args) {
        CommandLine cl = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(args);
        all.add("--json");
        int code = cl.execute(all.toArray(String[]::new));
        if (code != 0) {
            throw new AssertionError("runyard " + String.join(" ", all) + " exited " + code + ": " + err);
        }
        return out.toString();
    }
}
