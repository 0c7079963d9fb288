package dev.runyard.app.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The hub sync's writes, inside the transaction of one repository ({@link StoreWriter#sync()}). Unlike
 * {@link StoreWriter#upsert}, nothing here deletes what this write does not replace: a re-synced base model keeps its
 * variants, and a bundled model is never overwritten.
 */
public final class SyncWriter {
    private final Handle h;
    private final StoreWriter w;

    SyncWriter(Handle h, StoreWriter w) {
        this.h = h;
        this.w = w;
    }

    /**
     * Writes a synced model (its entry; its variants are left alone) unless a model of another origin
     * has that id, in any case; returns whether it wrote.
     */
    public boolean putModel(ModelRecord m) {
        if (m.origin() != Origin.SYNC) {
            throw new IllegalArgumentException("the sync writes synced models only: " + m.id());
        }
        Optional<String> origin = h.createQuery("SELECT origin FROM models WHERE LOWER(id) = :id")
                .bind("id", m.id().toLowerCase(Locale.ROOT)).mapTo(String.class).findFirst();
        if (origin.isPresent() && !origin.get().equals(Origin.SYNC.db())) {
            return false;
        }
        w.upsertRow(m);
        return true;
    }

    /** Attaches a quantized repo to {@code modelId}, moving it off any other model a sync attached it to before. */
    public void putVariant(String modelId, Variant v) {
        h.createUpdate("DELETE FROM variants WHERE repo_id = :r AND model_id <> :m AND origin = :o")
                .bind("r", v.repoId()).bind("m", modelId).bind("o", Origin.SYNC.db()).execute();
        w.putVariant(modelId, v);
    }

    /** Records how far the sync got with one repo. */
    public void putRepoState(RepoState s) {
        h.createUpdate("INSERT INTO sync_repos (repo_id, last_modified, sha, outcome, base_model, format, quants, "
                        + "files, updated_at) VALUES (:r, :lm, :sha, :o, :b, :f, :q, :files, :t) ON CONFLICT (repo_id) "
                        + "DO UPDATE SET last_modified = excluded.last_modified, sha = excluded.sha, "
                        + "outcome = excluded.outcome, base_model = excluded.base_model, format = excluded.format, "
                        + "quants = excluded.quants, files = excluded.files, updated_at = excluded.updated_at")
                .bind("r", s.repoId()).bind("lm", s.lastModified()).bind("sha", s.sha()).bind("o", s.outcome())
                .bind("b", s.baseModel()).bind("f", s.format()).bind("q", StoreWriter.json(s.quants()))
                .bind("files", s.listing() == null ? null : s.listing().toText()).bind("t", StoreWriter.now()).execute();
    }

    /** Attaches the pending variants waiting for {@code modelId} (any case); returns their repo ids. */
    public List<String> adoptPending(String modelId) {
        return adopt(" AND LOWER(r.base_model) = :b", modelId.toLowerCase(Locale.ROOT));
    }

    /** Attaches every pending variant whose base model is in the store now (bundled data may have brought it). */
    public List<String> adoptAllPending() {
        return adopt("", null);
    }

    private List<String> adopt(String where, String base) {
        var q = h.createQuery("SELECT r.repo_id, r.last_modified, r.sha, r.base_model, r.format, r.quants, r.files, m.id AS model_id "
                + "FROM sync_repos r JOIN models m ON LOWER(m.id) = LOWER(r.base_model) WHERE r.outcome = :p" + where
                + " ORDER BY r.repo_id").bind("p", RepoState.PENDING);
        if (base != null) {
            q.bind("b", base);
        }
        record Row(RepoState state, String modelId) {
        }
        List<Row> rows = q.map((rs, ctx) -> new Row(new RepoState(rs.getString("repo_id"), rs.getString("last_modified"),
                rs.getString("sha"), RepoState.PENDING, rs.getString("base_model"), rs.getString("format"),
                StoreReader.strings(rs.getString("quants")), Listing.parse(rs.getString("files"))),
                rs.getString("model_id"))).list();
        List<String> adopted = new ArrayList<>();
        for (Row r : rows) {
            RepoState s = r.state();
            putVariant(r.modelId(), new Variant(s.repoId(), s.format(), s.quants(), "https://huggingface.co/" + s.repoId(),
                    Origin.SYNC, s.listing()));
            putRepoState(new RepoState(s.repoId(), s.lastModified(), s.sha(), "variant", s.baseModel(), s.format(),
                    s.quants(), s.listing()));
            adopted.add(s.repoId());
        }
        return adopted;
    }
}
