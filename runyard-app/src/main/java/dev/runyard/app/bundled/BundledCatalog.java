package dev.runyard.app.bundled;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.entry.CatalogEntry;
import dev.runyard.app.entry.CatalogFormatException;
import dev.runyard.app.entry.CatalogJson;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The catalog data files shipped in the jar ({@code catalog/models/*.json}, one per organisation), read as JSON
 * typed entries ({@link CatalogJson}, the one mapper): a file or an entry that does not match {@link CatalogEntry}
 * fails with its file, entry and field named. The store loads these; commands that only need one model's config read
 * them directly.
 */
public final class BundledCatalog {
    static final String DIR = "catalog/models";
    /** Made on first use: Jackson's start-up is a cold start's largest single cost, and the snapshot path skips it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private static volatile List<CatalogEntry> cache;
    private static volatile Map<String, JsonNode> files;
    private static volatile Map<String, byte[]> raw;
    private static volatile String dataVersion;

    private BundledCatalog() {
    }

    public static List<CatalogEntry> entries() {
        if (cache == null) {
            synchronized (BundledCatalog.class) {
                if (cache == null) {
                    cache = load();
                }
            }
        }
        return cache;
    }

    public static Optional<CatalogEntry> find(String id) {
        String l = id.trim().toLowerCase(Locale.ROOT);
        if (cache == null) {
            // One model asked for on a cold start (estimate, run, calc): type only the files whose text names it,
            // not all 2.7 MB; anything not found that way is looked for in every entry, as before.
            Optional<CatalogEntry> hit = findInFilesNaming(l);
            if (hit.isPresent()) {
                return hit;
            }
        }
        return entries().stream().filter(e -> e.id().toLowerCase(Locale.ROOT).equals(l)).findFirst();
    }

    static Optional<CatalogEntry> findInFilesNaming(String lowerId) {
        if (lowerId.isEmpty()) {
            return Optional.empty();
        }
        byte[] needle = ("\"" + lowerId + "\"").getBytes(StandardCharsets.UTF_8);
        List<CatalogEntry> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : rawFiles().entrySet()) {
            if (containsIgnoringAsciiCase(f.getValue(), needle)) {
                for (CatalogEntry e : typed(f.getKey(), f.getValue())) {
                    if (e.id().toLowerCase(Locale.ROOT).equals(lowerId)) {
                        found.add(e);
                    }
                }
            }
        }
        // entries() keeps the first by id across files: the same here, so both paths give one answer.
        return found.stream().min(Comparator.comparing(CatalogEntry::id));
    }

    /** Whether {@code hay} holds {@code lowerNeedle}, ASCII letters compared without case. */
    static boolean containsIgnoringAsciiCase(byte[] hay, byte[] lowerNeedle) {
        outer:
        for (int i = 0; i + lowerNeedle.length <= hay.length; i++) {
            for (int j = 0; j < lowerNeedle.length; j++) {
                byte b = hay[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != lowerNeedle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    public static CatalogEntry require(String id) {
        return find(id).orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\"",
                "closest: " + String.join(", ", closest(id, 5))));
    }

    public static List<String> closest(String id, int n) {
        String l = id.toLowerCase(Locale.ROOT);
        return entries().stream().map(CatalogEntry::id)
                .sorted(Comparator.comparingInt((String s) -> s.toLowerCase(Locale.ROOT).contains(l) ? 0 : 1)
                        .thenComparingInt(s -> Math.abs(s.length() - l.length())).thenComparing(s -> s))
                .limit(n).toList();
    }

    /** The data files by name (sorted), each parsed as one JSON document. */
    public static Map<String, JsonNode> files() {
        if (files == null) {
            synchronized (BundledCatalog.class) {
                if (files == null) {
                    files = readFiles();
                }
            }
        }
        return files;
    }

    private static Map<String, JsonNode> readFiles() {
        // The files are independent and parsing is most of a cold start: parse them on every core, keep their order.
        List<Map.Entry<String, byte[]>> in = List.copyOf(rawFiles().entrySet());
        List<JsonNode> docs = in.parallelStream().map(f -> parseFile(f.getKey(), f.getValue())).toList();
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < in.size(); i++) {
            out.put(in.get(i).getKey(), docs.get(i));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The data files' bytes by name (sorted), as shipped. */
    static Map<String, byte[]> rawFiles() {
        if (raw == null) {
            synchronized (BundledCatalog.class) {
                if (raw == null) {
                    Map<String, byte[]> out = new LinkedHashMap<>();
                    for (String name : resourceNames()) {
                        byte[] b = readBytes(name);
                        if (b != null) {
                            out.put(name, b);
                        }
                    }
                    raw = Collections.unmodifiableMap(out);
                }
            }
        }
        return raw;
    }

    /**
     * A fingerprint of the data files: each file's name, size and CRC-32, hashed (64-bit FNV-1a). Whether a store or
     * a snapshot holds this jar's data is then known from the jar's own directory, which records every entry's size
     * and CRC, without inflating and hashing the 2.7 MB of JSON (that took 0.25 s of a cold start, SHA-256 included).
     * Outside a jar (tests, an unpacked build) the CRCs are computed from the files' bytes: the same fingerprint.
     */
    public static String dataVersion() {
        if (dataVersion == null) {
            Map<String, long[]> stamps = stamps();
            long h = 0xcbf29ce484222325L;
            for (Map.Entry<String, long[]> f : stamps.entrySet()) {
                for (byte b : (f.getKey() + "\n" + f.getValue()[0] + "\n" + f.getValue()[1] + "\n")
                        .getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xFF)) * 0x100000001b3L;
                }
            }
            dataVersion = "files " + stamps.size() + " " + HexFormat.of().toHexDigits(h);
        }
        return dataVersion;
    }

    /** Each data file's name (sorted) → {size, CRC-32}. */
    private static Map<String, long[]> stamps() {
        Map<String, long[]> out = new java.util.TreeMap<>();
        URL url = BundledCatalog.class.getClassLoader().getResource(DIR);
        if (url != null && url.getProtocol().equals("jar")) {
            try {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                boolean complete = true;
                try (JarFile jar = conn.getJarFile()) {
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        JarEntry e = en.nextElement();
                        String n = e.getName();
                        if (n.startsWith(DIR + "/") && n.endsWith(".json")) {
                            complete &= e.getCrc() != -1 && e.getSize() != -1;
                            out.put(n.substring(DIR.length() + 1), new long[] {e.getSize(), e.getCrc()});
                        }
                    }
                }
                if (complete) {
                    return out;
                }
            } catch (IOException e) {
                // read the bytes instead
            }
            out.clear();
        }
        for (Map.Entry<String, byte[]> f : rawFiles().entrySet()) {
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(f.getValue());
            out.put(f.getKey(), new long[] {f.getValue().length, crc.getValue()});
        }
        return out;
    }

    private static byte[] readBytes(String name) {
        try (InputStream in = BundledCatalog.class.getClassLoader().getResourceAsStream(DIR + "/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "catalog file " + name + " cannot be read: "
                    + e.getMessage(), "rebuild Runyard", e);
        }
    }

    private static JsonNode parseFile(String name, byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "catalog file " + name + " is malformed: "
                    + e.getMessage().lines().findFirst().orElse(""), "rebuild Runyard", e);
        }
    }

    private static List<CatalogEntry> load() {
        // Typing the entries is independent work per file: every core. Straight from the bytes (a JSON tree first
        // would double a cold start's parsing); a file that does not type is read again as a tree, which names
        // the entry and the field that is wrong.
        List<CatalogEntry> out = new ArrayList<>(rawFiles().entrySet().parallelStream()
                .flatMap(f -> typed(f.getKey(), f.getValue()).stream()).toList());
        out.sort(Comparator.comparing(CatalogEntry::id));
        return List.copyOf(out);
    }

    private static List<CatalogEntry> typed(String name, byte[] bytes) {
        try {
            return CatalogJson.file(bytes);
        } catch (IOException | RuntimeException e) {
            return parse(name, parseFile(name, bytes));
        }
    }

    /**
     * The entries of one data file; the first that does not match {@link CatalogEntry} fails, naming the file, the
     * entry and the field, e.g. {@code qwen.json: models[3] (Qwen/Qwen3-8B): release_date: must be YYYY-MM-DD}.
     */
    public static List<CatalogEntry> parse(String file, JsonNode root) {
        if (root == null || !root.isObject() || !root.path("models").isArray() || root.size() != 1) {
            throw malformed(file + ": must be an object with one field, \"models\", an array of entries");
        }
        List<CatalogEntry> out = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.get("models")) {
            try {
                out.add(CatalogJson.entry(m));
            } catch (CatalogFormatException e) {
                throw malformed(file + ": models[" + i + "]" + (m.path("id").isTextual() ? " (" + m.get("id").asText()
                        + ")" : "") + ": " + e.getMessage());
            }
            i++;
        }
        return out;
    }

    private static RunyardException malformed(String what) {
        return new RunyardException(RunyardException.Kind.RUNTIME, "catalog data file is malformed: " + what,
                "fix the data file (docs/schema/catalog-entry.schema.json) and rebuild Runyard");
    }

    static List<String> resourceNames() {
        List<String> names = new ArrayList<>();
        URL url = BundledCatalog.class.getClassLoader().getResource(DIR);
        if (url == null) {
            return names;
        }
        try {
            if (url.getProtocol().equals("jar")) {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                        String n = en.nextElement().getName();
                        if (n.startsWith(DIR + "/") && n.endsWith(".json")) {
                            names.add(n.substring(DIR.length() + 1));
                        }
                    }
                }
            } else {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(url.toURI()), "*.json")) {
                    for (Path p : ds) {
                        names.add(p.getFileName().toString());
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list " + DIR, e);
        }
        names.sort(String::compareTo);
        return names;
    }
}
