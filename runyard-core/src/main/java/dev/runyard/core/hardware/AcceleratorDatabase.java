package dev.runyard.core.hardware;

import dev.runyard.core.error.RunyardException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The accelerator database shipped in {@code accelerators.csv}, with lookup by the names people type
 * ("4090", "RTX 4090", "rtx4090", "H100 SXM"). Unknown names fail with the five closest.
 */
public final class AcceleratorDatabase {
    private static final String RESOURCE = "/dev/runyard/core/hardware/accelerators.csv";
    private static volatile AcceleratorDatabase bundled;

    private final List<Accelerator> all;
    private final Map<String, Accelerator> byKey = new HashMap<>();

    AcceleratorDatabase(List<Accelerator> all) {
        this.all = List.copyOf(all);
        for (Accelerator a : all) {
            byKey.putIfAbsent(norm(a.id()), a);
            byKey.putIfAbsent(norm(a.name()), a);
            byKey.putIfAbsent(norm(a.vendor().displayName() + " " + a.name()), a);
            for (String alias : a.aliases()) {
                byKey.putIfAbsent(norm(alias), a);
            }
        }
    }

    public static AcceleratorDatabase bundled() {
        if (bundled == null) {
            synchronized (AcceleratorDatabase.class) {
                if (bundled == null) {
                    bundled = new AcceleratorDatabase(load());
                }
            }
        }
        return bundled;
    }

    public List<Accelerator> all() {
        return all;
    }

    /** Lowercase, no spaces or punctuation, vendor/brand words dropped: "NVIDIA GeForce RTX 4090" → "rtx4090". */
    static String norm(String s) {
        String l = BRANDS.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
        return NOT_KEY.matcher(l).replaceAll("");
    }

    // Compiled once: the database normalises every name and alias of 200+ cards when it loads (String.replaceAll
    // compiles its pattern on every call, which showed in profiles of a cold fit).
    private static final java.util.regex.Pattern BRANDS =
            java.util.regex.Pattern.compile("\\b(nvidia|geforce|amd|radeon|intel|apple|tesla)\\b");
    private static final java.util.regex.Pattern NOT_KEY = java.util.regex.Pattern.compile("[^a-z0-9.]");

    public Optional<Accelerator> find(String name) {
        String n = norm(name);
        Accelerator a = byKey.get(n);
        if (a == null) {
            a = byKey.get(norm("rtx " + name));
        }
        if (a == null && n.chars().anyMatch(Character::isDigit)) {
            // "H100" → the first entry whose normalised name starts with it (the common variant listed first). Only
            // with a model number: "R" or "RTX" would silently pick one card of dozens.
            a = all.stream().filter(x -> norm(x.name()).startsWith(n)).findFirst().orElse(null);
        }
        return Optional.ofNullable(a);
    }

    /** Every accelerator whose normalised name starts with {@code name}'s (all core-count variants of "M3 Max"). */
    public List<Accelerator> candidates(String name) {
        String n = norm(name);
        if (n.isEmpty()) {
            return List.of();
        }
        return all.stream().filter(x -> norm(x.name()).startsWith(n)).toList();
    }

    public Accelerator resolve(String name) {
        return find(name).orElseThrow(() -> RunyardException.notFound("unknown GPU \"" + name + "\"",
                "closest: " + String.join(", ", closest(name, 5))));
    }

    public List<String> closest(String name, int n) {
        String q = norm(name);
        return all.stream()
                .sorted(Comparator.comparingInt((Accelerator a) -> distance(q, norm(a.name()))).thenComparing(Accelerator::name))
                .limit(n).map(Accelerator::name).toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<Accelerator> load() {
        try (InputStream in = AcceleratorDatabase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    static List<Accelerator> parse(BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null) {
            return List.of();
        }
        List<String> cols = Csv.split(header);
        List<Accelerator> out = new ArrayList<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = Csv.split(line);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < cols.size() && i < f.size(); i++) {
                row.put(cols.get(i), f.get(i).trim());
            }
            out.add(new Accelerator(row.get("id"), GpuVendor.of(row.get("vendor")), row.get("name"),
                    numbers(row.get("memory_gb_options")), number(row.get("bandwidth_gbs")),
                    number(row.get("fp16_tensor_dense_tflops")), "yes".equalsIgnoreCase(row.get("fp8")),
                    "yes".equalsIgnoreCase(row.get("fp4")), "yes".equalsIgnoreCase(row.get("unified_memory")),
                    row.getOrDefault("kind", ""), aliases(row.get("aliases")), row.getOrDefault("architecture", ""),
                    row.getOrDefault("source_url", ""), number(row.get("int8_tops")),
                    (int) number(row.get("gpu_cores"))));
        }
        return out;
    }

    private static double number(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Double> numbers(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split("[;/|]")).map(String::trim).filter(x -> !x.isEmpty())
                .map(AcceleratorDatabase::number).filter(x -> x > 0).toList();
    }

    private static List<String> aliases(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(";")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
