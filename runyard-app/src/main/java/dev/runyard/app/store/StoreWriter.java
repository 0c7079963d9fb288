package dev.runyard.app.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Writes through one open handle; {@link CatalogStore#inTransaction} hands one out inside a transaction. */
public final class StoreWriter {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MODEL_COLUMNS = "id, name, family, org, base_model, distilled_from, release_date, "
            + "license, open_weights, modalities, context_length, params_total, params_active, params_published, "
            + "params_basis, config, source_url, notes, origin, updated_at, facts";

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

    /** Inserts or replaces a model by id, with its benchmarks, engines and the variants of the same origin. */
    public void upsert(ModelRecord m) {
        upsertRow(m);
        replaceBenchmarksAndEngines(m);
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
        h.createUpdate("INSERT INTO models (" + MODEL_COLUMNS + ") VALUES (" + values + ") ON CONFLICT (id) DO UPDATE SET " + set)
                .bind("id", m.id()).bind("name", m.name()).bind("family", m.family()).bind("org", m.org())
                .bind("base_model", m.baseModel()).bind("distilled_from", m.distilledFrom())
                .bind("release_date", m.releaseDate()).bind("license", m.license())
                .bind("open_weights", m.openWeights()).bind("modalities", json(m.modalities()))
                .bind("context_length", m.contextLength()).bind("params_total", m.paramsTotal())
                .bind("params_active", m.paramsActive()).bind("params_published", m.paramsPublished())
                .bind("params_basis", m.paramsBasis()).bind("config", m.hasConfig() ? json(m.config()) : null)
                .bind("source_url", m.sourceUrl()).bind("notes", m.notes()).bind("origin", m.origin().db())
                .bind("updated_at", m.updatedAt() == null ? now() : m.updatedAt())
                .bind("facts", m.facts() == null ? null : json(m.facts()))
                .execute();
    }

    void replaceBenchmarksAndEngines(ModelRecord m) {
        h.createUpdate("DELETE FROM benchmarks WHERE model_id = :id").bind("id", m.id()).execute();
        int pos = 0;
        for (Benchmark b : m.benchmarks()) {
            h.createUpdate("INSERT INTO benchmarks (model_id, pos, name, score, setting, source, reported_by) "
                            + "VALUES (:m, :pos, :name, :score, :setting, :source, :reported_by)")
                    .bind("m", m.id()).bind("pos", pos++).bind("name", b.name()).bind("score", b.score())
                    .bind("setting", b.setting()).bind("source", b.source()).bind("reported_by", b.reportedBy())
                    .execute();
        }
        h.createUpdate("DELETE FROM engines WHERE model_id = :id").bind("id", m.id()).execute();
        for (EngineSupport e : m.engines()) {
            h.createUpdate("INSERT INTO engines (model_id, engine, supported, since, note, source) "
                            + "VALUES (:m, :engine, :supported, :since, :note, :source)")
                    .bind("m", m.id()).bind("engine", e.engine()).bind("supported", e.supported())
                    .bind("since", e.since()).bind("note", e.note()).bind("source", e.source()).execute();
        }
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
            for (String t : List.of("benchmarks", "engines")) {
                h.createUpdate("DELETE FROM " + t + " WHERE model_id = :id").bind("id", id).execute();
            }
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

    public void putMeta(String key, String value) {
        h.createUpdate("INSERT INTO store_meta (meta_key, meta_value) VALUES (:k, :v) "
                + "ON CONFLICT (meta_key) DO UPDATE SET meta_value = excluded.meta_value").bind("k", key).bind("v", value).execute();
    }

    public void putSyncState(String key, String value) {
        h.createUpdate("INSERT INTO sync_state (state_key, state_value, updated_at) VALUES (:k, :v, :t) "
                        + "ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, updated_at = excluded.updated_at")
                .bind("k", key).bind("v", value).bind("t", now()).execute();
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
