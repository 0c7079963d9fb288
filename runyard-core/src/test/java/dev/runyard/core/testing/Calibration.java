package dev.runyard.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the calibration case files copied into test resources (real measurements with source URLs). */
public final class Calibration {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Calibration() {
    }

    public static List<JsonNode> read(String file) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = Calibration.class.getResourceAsStream("/calibration/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + file);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static double relErr(double predicted, double actual) {
        return Math.abs(predicted - actual) / Math.abs(actual);
    }
}
