package dev.runyard.app.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runyard.app.entry.CatalogJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Reads models (their entries) with their variants through one open handle. */
public final class StoreReader {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private final Handle h;

    StoreReader(Handle h) {
        this.h = h;
    }

    Handle handle() {
        return h;
    }

    public List<ModelRecord> models(ModelFilter f) {
        StringBuilder sql = new StringBuilder("SELECT * FROM models WHERE 1 = 1");
        if (f.family() != null) {
            sql.append(" AND LOWER(family) = :family");
        }
        if (f.search() != null) {
            sql.append(" AND (LOWER(id) LIKE :q ESCAPE '!' OR LOWER(name) LIKE :q ESCAPE '!')");
        }
        Query q = h.createQuery(sql + " ORDER BY id");
        if (f.family() != null) {
            q.bind("family", f.family().toLowerCase(Locale.ROOT));
        }
        if (f.search() != null) {
            String s = f.search().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            q.bind("q", "%" + s + "%");
        }
        List<ModelRecord> rows = q.map((rs, ctx) -> row(rs)).list();
        return withChildren(rows, null);
    }

    public Optional<ModelRecord> model(String id) {
        List<ModelRecord> rows = h.createQuery("SELECT * FROM models WHERE LOWER(id) = :id")
                .bind("id", id.trim().toLowerCase(Locale.ROOT)).map((rs, ctx) -> row(rs)).list();
        return rows.isEmpty() ? Optional.empty() : Optional.of(withChildren(rows, rows.get(0).id()).get(0));
    }

    public long count() {
        return h.createQuery("SELECT COUNT(*) FROM models").mapTo(Long.class).one();
    }

    long countWhere(String condition) {
        return h.createQuery("SELECT COUNT(*) FROM models WHERE " + condition).mapTo(Long.class).one();
    }

    /** The Hub document read from {@code url}, if one is kept. */
    public Optional<HubDocument> hubDocument(String url) {
        return h.createQuery("SELECT * FROM hub_documents WHERE url = :u").bind("u", url)
                .map((rs, ctx) -> new HubDocument(rs.getString("url"), rs.getString("repo_id"), rs.getString("file"),
                        rs.getString("body"), rs.getString("fetched_at"))).findOne();
    }

    public Optional<String> meta(String key) {
        return h.createQuery("SELECT meta_value FROM store_meta WHERE meta_key = :k").bind("k", key)
                .mapTo(String.class).findOne();
    }

    /** Saved rigs by name, case-insensitively sorted. */
    public List<RigRow> rigs() {
        return h.createQuery("SELECT name, gpu, ram_gib FROM rigs ORDER BY name_key").map((rs, ctx) -> {
            double ram = rs.getDouble("ram_gib");
            return new RigRow(rs.getString("name"), rs.getString("gpu"), rs.wasNull() ? null : ram);
        }).list();
    }

    public Optional<String> syncState(String key) {
        return h.createQuery("SELECT state_value FROM sync_state WHERE state_key = :k").bind("k", key)
                .mapTo(String.class).findOne();
    }

    /** The ids of the models {@code origin} wrote. */
    public Set<String> modelIds(Origin origin) {
        return new HashSet<>(h.createQuery("SELECT id FROM models WHERE origin = :o").bind("o", origin.db())
                .mapTo(String.class).list());
    }

    /** The sync's progress per Hub repository, by repo id. */
    public Map<String, RepoState> repoStates() {
        Map<String, RepoState> out = new HashMap<>();
        h.createQuery("SELECT * FROM sync_repos").map((rs, ctx) -> new RepoState(rs.getString("repo_id"),
                rs.getString("last_modified"), rs.getString("sha"), rs.getString("outcome"), rs.getString("base_model"),
                rs.getString("format"), strings(rs.getString("quants")))).forEach(s -> out.put(s.repoId(), s));
        return out;
    }

    private List<ModelRecord> withChildren(List<ModelRecord> rows, String onlyId) {
        String where = onlyId == null ? "" : " WHERE model_id = :id";
        Map<String, List<Variant>> vars = new HashMap<>();
        child("SELECT * FROM variants" + where + " ORDER BY model_id, repo_id", onlyId).map((rs, ctx) -> {
            vars.computeIfAbsent(rs.getString("model_id"), k -> new ArrayList<>()).add(new Variant(
                    rs.getString("repo_id"), rs.getString("format"), strings(rs.getString("quants")),
                    rs.getString("source"), Origin.of(rs.getString("origin")), Listing.parse(rs.getString("files"))));
            return 0;
        }).list();
        List<ModelRecord> out = new ArrayList<>();
        for (ModelRecord m : rows) {
            List<Variant> v = new ArrayList<>(vars.getOrDefault(m.id(), List.of()));
            v.sort(Comparator.comparing(Variant::repoId));
            out.add(m.withVariants(v));
        }
        // The same order on every database, whatever its collation.
        out.sort(Comparator.comparing(ModelRecord::id));
        return out;
    }

    private Query child(String sql, String id) {
        Query q = h.createQuery(sql);
        return id == null ? q : q.bind("id", id);
    }

    private static ModelRecord row(ResultSet rs) throws SQLException {
        String entry = rs.getString("entry");
        if (entry == null) {
            throw new IllegalStateException("model " + rs.getString("id") + " has no entry (LegacyRows converts them)");
        }
        return new ModelRecord(CatalogJson.entry(entry), new ParamCount(longOrNull(rs, "params_total"),
                longOrNull(rs, "params_active"), rs.getString("params_basis")), rs.getString("source_url"),
                Origin.of(rs.getString("origin")), rs.getString("updated_at"), null);
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static List<String> strings(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return StoreWriter.MAPPER.readValue(json, STRINGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
