package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.bundled.CatalogValidator;
import dev.runyard.core.error.RunyardException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Loads the data files shipped in the jar into the store, once per data version: a SHA-256 over the files (and this
 * loader's version) is kept in {@code store_meta}; a newer jar upserts its rows by id and drops bundled models it no
 * longer ships, and never touches models or variants that a sync wrote.
 */
final class BundledLoader {
    /** Bump when the conversion below changes, so stores built by an older jar are refreshed. */
    static final String LOADER_VERSION = "3";
    static final String META_KEY = "bundled_data_version";

    private BundledLoader() {
    }

    static void ensureLoaded(CatalogStore store) {
        load(store, BundledCatalog.files());
    }

    /** Loads {@code files} unless their version is already stored; returns whether it wrote anything. */
    static boolean load(CatalogStore store, Map<String, JsonNode> files) {
        String version = version(files);
        if (store.meta(META_KEY).filter(version::equals).isPresent()) {
            return false;
        }
        List<ModelRecord> records = records(files);
        java.util.concurrent.atomic.AtomicBoolean wrote = new java.util.concurrent.atomic.AtomicBoolean();
        store.inTransaction(w -> {
            // Another process may have loaded this version while we waited for the lock: check again inside.
            w.lockExclusive();
            if (w.reader().meta(META_KEY).filter(version::equals).isPresent()) {
                return;
            }
            for (ModelRecord m : records) {
                w.upsert(m);
            }
            w.deleteBundledExcept(records.stream().map(ModelRecord::id).toList());
            w.putMeta(META_KEY, version);
            wrote.set(true);
        });
        return wrote.get();
    }

    /** Every entry of every file, validated first: a malformed file names itself and the field. */
    static List<ModelRecord> records(Map<String, JsonNode> files) {
        List<ModelRecord> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : files.entrySet()) {
            List<String> problems = CatalogValidator.validate(f.getKey(), f.getValue());
            if (!problems.isEmpty()) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, "catalog data file is malformed: "
                        + problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""),
                        "fix the data file or rebuild Runyard");
            }
            for (JsonNode e : f.getValue().get("models")) {
                out.add(record(e));
            }
        }
        return out;
    }

    static ModelRecord record(JsonNode e) {
        String id = e.get("id").asText();
        JsonNode config = e.path("config").isObject() ? e.get("config") : null;
        ParamCount p = ParamCount.of(id, config, e.get("params_basis").asText(), count(e, "params_total"),
                count(e, "params_active"));
        List<String> modalities = new ArrayList<>();
        e.path("modalities").forEach(x -> modalities.add(x.asText()));
        List<Benchmark> benchmarks = new ArrayList<>();
        for (JsonNode b : e.path("benchmarks")) {
            benchmarks.add(new Benchmark(b.get("name").asText(), b.get("score").asDouble(), text(b, "setting"),
                    text(b, "source"), text(b, "reported_by")));
        }
        List<Variant> variants = new ArrayList<>();
        for (JsonNode q : e.path("quantized_repos")) {
            List<String> quants = new ArrayList<>();
            q.path("quants").forEach(x -> quants.add(x.asText()));
            variants.add(new Variant(q.get("id").asText(), q.get("format").asText(), quants, text(q, "source"),
                    Origin.BUNDLED, Listing.of(q)));
        }
        List<EngineSupport> engines = new ArrayList<>();
        for (JsonNode g : e.path("engines")) {
            engines.add(new EngineSupport(g.get("engine").asText(), g.path("supported").isBoolean()
                    ? g.get("supported").asBoolean() : null, text(g, "since"), text(g, "note"), text(g, "source")));
        }
        return new ModelRecord(id, e.get("name").asText(), text(e, "family"), text(e, "org"), text(e, "base_model"),
                text(e, "distilled_from"), text(e, "release_date"), text(e, "license"),
                e.get("open_weights").asBoolean(), modalities, count(e, "context_length"), p.total(), p.active(),
                count(e, "params_total"), p.basis(), config, "https://huggingface.co/" + id, text(e, "notes"),
                Origin.BUNDLED, null, benchmarks, variants, engines, facts(e));
    }

    /** The catalog facts kept beside the row ({@link ModelRecord#FACT_KEYS}), or null when the entry has none. */
    static JsonNode facts(JsonNode e) {
        com.fasterxml.jackson.databind.node.ObjectNode f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        for (String k : ModelRecord.FACT_KEYS) {
            if (e.hasNonNull(k)) {
                f.set(k, e.get(k));
            }
        }
        return f.isEmpty() ? null : f;
    }

    static String version(Map<String, JsonNode> files) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(("loader " + LOADER_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, JsonNode> f : files.entrySet()) {
                d.update((f.getKey() + "\n" + f.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long count(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || !v.isNumber() ? null : v.asLong();
    }
}
