package dev.runyard.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.entry.CatalogJson;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Writes through one open handle; {@link CatalogStore#inTransaction} hands one out inside a transaction. */
public final class StoreWriter {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The columns written: the entry (the model, whole) and what queries filter and sort on, taken from it. The
     * columns V6 retired (base_model, distilled_from, modalities, config, notes, facts) are written NULL.
     */
    private static final String MODEL_COLUMNS = "id, name, family, org, base_model, distilled_from, release_date, "
            + "license, open_weights, modalities, context_length, params_total, params_active, params_published, "
            + "params_basis, config, source_url, notes, origin, updated_at, facts, entry";

    /** Any constant: the key of the advisory lock writers of shared state take on PostgreSQL. */
    private static final long ADVISORY_KEY = 0x52756e79617264L;

    private final Handle h;
    private final DbSpec.Kind kind;

    StoreWriter(Handle h, DbSpec.Kind kind) {
        this.h = h;
        this.kind = kind;
    }

    /**
     * Makes this transaction the only writer of shared state until it ends: on PostgreSQL an advisory transaction
     * lock (READ COMMITTED alone would let two transactions read the same "before" and both write); on SQLite the
     * IMMEDIATE transaction already holds the one write lock.
     */
    public void lockExclusive() {
        if (kind == DbSpec.Kind.POSTGRES) {
            h.createQuery("SELECT pg_advisory_xact_lock(:k)").bind("k", ADVISORY_KEY).mapToMap().one();
        }
    }

    /** Inserts or replaces a model by id, with the variants of the same origin. */
    public void upsert(ModelRecord m) {
        upsertRow(m);
        h.createUpdate("DELETE FROM variants WHERE model_id = :id AND origin = :o").bind("id", m.id())
                .bind("o", m.origin().db()).execute();
        for (Variant v : m.variants()) {
            putVariant(m.id(), v);
        }
    }

    /** The sync's writes, in this transaction. */
    public SyncWriter sync() {
        return new SyncWriter(h, this);
    }

    void upsertRow(ModelRecord m) {
        String values = ":" + MODEL_COLUMNS.replace(", ", ", :");
        StringBuilder set = new StringBuilder();
        for (String c : MODEL_COLUMNS.split(", ")) {
            if (!c.equals("id")) {
                set.append(set.isEmpty() ? "" : ", ").append(c).append(" = excluded.").append(c);
            }
        }
        // The repositories live in variants (each with the origin that wrote it), not in the entry.
        String entry = CatalogJson.text(m.entry().withQuantizedRepos(List.of()));
        h.createUpdate("INSERT INTO models (" + MODEL_COLUMNS + ") VALUES (" + values + ") ON CONFLICT (id) DO UPDATE SET " + set)
                .bind("id", m.id()).bind("name", m.name()).bind("family", m.family()).bind("org", m.org())
                .bind("base_model", (String) null).bind("distilled_from", (String) null)
                .bind("release_date", m.releaseDate()).bind("license", m.license())
                .bind("open_weights", m.openWeights()).bind("modalities", (String) null)
                .bind("context_length", m.contextLength()).bind("params_total", m.paramsTotal())
                .bind("params_active", m.paramsActive()).bind("params_published", m.paramsPublished())
                .bind("params_basis", m.paramsBasis()).bind("config", (String) null)
                .bind("source_url", m.sourceUrl()).bind("notes", (String) null).bind("origin", m.origin().db())
                .bind("updated_at", m.updatedAt() == null ? now() : m.updatedAt())
                .bind("facts", (String) null).bind("entry", entry)
                .execute();
    }

    /** Adds or replaces one quantized repository of a model. */
    public void putVariant(String modelId, Variant v) {
        h.createUpdate("INSERT INTO variants (model_id, repo_id, format, quants, source, origin, files) "
                        + "VALUES (:m, :r, :f, :q, :s, :o, :files) ON CONFLICT (model_id, repo_id) DO UPDATE SET "
                        + "format = excluded.format, quants = excluded.quants, source = excluded.source, "
                        + "origin = excluded.origin, files = excluded.files "
                        // A newer jar's bundled listing never replaces what a sync read from the Hub (exact bytes).
                        + "WHERE variants.origin = 'bundled' OR excluded.origin <> 'bundled'")
                .bind("m", modelId).bind("r", v.repoId()).bind("f", v.format()).bind("q", json(v.quants()))
                .bind("s", v.source()).bind("o", v.origin().db())
                .bind("files", v.listing() == null ? null : v.listing().toText()).execute();
    }

    /** Deletes bundled models that a newer jar no longer ships; synced models are kept. */
    public int deleteBundledExcept(List<String> keep) {
        List<String> gone = h.createQuery("SELECT id FROM models WHERE origin = 'bundled'").mapTo(String.class).list()
                .stream().filter(id -> !keep.contains(id)).toList();
        for (String id : gone) {
            h.createUpdate("DELETE FROM variants WHERE model_id = :id AND origin = 'bundled'").bind("id", id).execute();
            h.createUpdate("DELETE FROM models WHERE id = :id").bind("id", id).execute();
        }
        return gone.size();
    }

    /** Inserts or replaces a rig (same name in any case); with {@code replace} false an existing one is kept. */
    public void putRig(RigRow r, boolean replace) {
        h.createUpdate("INSERT INTO rigs (name_key, name, gpu, ram_gib, updated_at) VALUES (:k, :n, :g, :r, :t) "
                        + "ON CONFLICT (name_key) DO " + (replace ? "UPDATE SET name = excluded.name, gpu = excluded.gpu, "
                        + "ram_gib = excluded.ram_gib, updated_at = excluded.updated_at" : "NOTHING"))
                .bind("k", r.key()).bind("n", r.name()).bind("g", r.gpu()).bind("r", r.ramGib()).bind("t", now())
                .execute();
    }

    /** Keeps a Hub document, replacing the one read from the same URL before. */
    public void putHubDocument(HubDocument d) {
        h.createUpdate("INSERT INTO hub_documents (url, repo_id, file, body, fetched_at) VALUES (:u, :r, :f, :b, :t) "
                        + "ON CONFLICT (url) DO UPDATE SET repo_id = excluded.repo_id, file = excluded.file, "
                        + "body = excluded.body, fetched_at = excluded.fetched_at")
                .bind("u", d.url()).bind("r", d.repoId()).bind("f", d.file()).bind("b", d.body())
                .bind("t", d.fetchedAt()).execute();
    }

    public void putMeta(String key, String value) {
        h.createUpdate("INSERT INTO store_meta (meta_key, meta_value) VALUES (:k, :v) "
                + "ON CONFLICT (meta_key) DO UPDATE SET meta_value = excluded.meta_value").bind("k", key).bind("v", value).execute();
    }

    public void putSyncState(String key, String value) {
        h.createUpdate("INSERT INTO sync_state (state_key, state_value, updated_at) VALUES (:k, :v, :t) "
                        + "ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, updated_at = excluded.updated_at")
                .bind("k", key).bind("v", value).bind("t", now()).execute();
    }

    Handle handle() {
        return h;
    }

    /** Reads inside the same transaction. */
    public StoreReader reader() {
        return new StoreReader(h);
    }

    static String now() {
        return Instant.now().toString();
    }

    static String json(Object o) {
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
