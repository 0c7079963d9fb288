package dev.runyard.core.hardware;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Captured tool outputs under {@code src/test/resources/probes}. */
final class ProbeFixtures {
    private ProbeFixtures() {
    }

    static String text(String name) {
        try (InputStream in = ProbeFixtures.class.getResourceAsStream("/probes/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sysfs fixture: {@code path=content} lines, {@code #} comments. */
    static Map<String, String> sysfs(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text(name).split("\n")) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
