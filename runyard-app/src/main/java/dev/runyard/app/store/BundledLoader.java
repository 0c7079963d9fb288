package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.entry.CatalogEntry;
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
    static final String LOADER_VERSION = "4";
    static final String META_KEY = "bundled_data_version";

    private BundledLoader() {
    }

    static void ensureLoaded(CatalogStore store) {
        load(store, BundledCatalog::files, bundledVersion());
    }

    /** The version a store holding this jar's data files has in {@code store_meta}. */
    static String bundledVersion() {
        return "loader " + LOADER_VERSION + " " + BundledCatalog.dataVersion();
    }

    /** Loads {@code files} unless their version is already stored; returns whether it wrote anything. */
    static boolean load(CatalogStore store, Map<String, JsonNode> files) {
        return load(store, () -> files, version(files));
    }

    /** … parsing the files only when {@code version} is not the stored one (a current store costs one query). */
    static boolean load(CatalogStore store, java.util.function.Supplier<Map<String, JsonNode>> filesToLoad,
                        String version) {
        if (store.meta(META_KEY).filter(version::equals).isPresent()) {
            return false;
        }
        List<ModelRecord> records = records(filesToLoad.get());
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

    /** Every entry of every file, typed: a malformed file names itself, the entry and the field. */
    static List<ModelRecord> records(Map<String, JsonNode> files) {
        List<ModelRecord> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : files.entrySet()) {
            for (CatalogEntry e : BundledCatalog.parse(f.getKey(), f.getValue())) {
                out.add(ModelRecord.of(e, Origin.BUNDLED));
            }
        }
        return out;
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
}
