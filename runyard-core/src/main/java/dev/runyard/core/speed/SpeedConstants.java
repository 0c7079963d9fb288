package dev.runyard.core.speed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The speed model's fitted constants: decode bandwidth efficiency per backend (and vendor), prefill efficiency per
 * backend × weight family × kernel era, and the per-matrix synchronisation of the old row split. Each is looked up by a
 * chain of keys, most specific first ({@code prefill/cuda/quant/mmq}, then {@code prefill/cuda/quant}, then
 * {@code prefill/cuda}); a key the table lacks falls back to the next, and a chain with no key in the table to the
 * hand-set prior in {@link BackendProfile}.
 *
 * <p>{@link #fitted()} is the table Runyard ships ({@code speed_constants.csv}): what {@code
 * dev.runyard.core.accuracy.SpeedFit} fits on the llama-bench rows of {@code speed_cases.jsonl} (a test checks that
 * refitting gives the same table). Leave-one-hardware-out validation refits it without each accelerator's rows.
 */
public record SpeedConstants(Map<String, Double> values) {
    private static final String RESOURCE = "/dev/runyard/core/speed/speed_constants.csv";
    private static final SpeedConstants FITTED = load();
    /** No fitted values: every lookup takes its prior. */
    public static final SpeedConstants PRIORS = new SpeedConstants(Map.of());

    public SpeedConstants {
        // Sorted for reading and writing the table, hashed for the lookups every priced plan makes.
        values = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(new TreeMap<>(values)));
    }

    public static SpeedConstants fitted() {
        return FITTED;
    }

    /** The first key of the chain that the table holds, or the prior. */
    public double get(List<String> chain, double prior) {
        for (String k : chain) {
            Double v = values.get(k);
            if (v != null) {
                return v;
            }
        }
        return prior;
    }

    /** This table with one more value (or one replaced). */
    public SpeedConstants with(String key, double value) {
        Map<String, Double> m = new TreeMap<>(values);
        m.put(key, value);
        return new SpeedConstants(m);
    }

    /** This table less the given keys (their lookups fall back to broader keys or the prior). */
    public SpeedConstants without(java.util.Collection<String> keys) {
        Map<String, Double> m = new TreeMap<>(values);
        m.keySet().removeAll(keys);
        return new SpeedConstants(m);
    }

    /** The CSV Runyard ships: key, value, and what each was fitted on. */
    public static String csv(Map<String, Double> values, Map<String, String> basis) {
        StringBuilder sb = new StringBuilder("key,value,fitted_on\n");
        for (Map.Entry<String, Double> e : new TreeMap<>(values).entrySet()) {
            sb.append(e.getKey()).append(',').append(String.format(Locale.ROOT, "%.4f", e.getValue())).append(',')
                    .append('"').append(basis.getOrDefault(e.getKey(), "").replace("\"", "'")).append('"').append('\n');
        }
        return sb.toString();
    }

    private static SpeedConstants load() {
        Map<String, Double> m = new TreeMap<>();
        try (InputStream in = SpeedConstants.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new SpeedConstants(m);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 3);
                m.put(f[0].trim(), Double.parseDouble(f[1].trim()));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        return new SpeedConstants(m);
    }
}
