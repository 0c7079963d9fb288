package dev.runyard.app.sync;

import dev.runyard.app.store.DbSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a store holds, read with plain JDBC (not the store's own reader): every model, benchmark, variant and
 * per-repo progress row as one line each (write times left out), the cursor, rows that appear twice (a repo attached
 * to two models, a model id in two cases), and SQLite's {@code PRAGMA integrity_check}.
 */
record StoreSnapshot(Set<String> rows, List<String> duplicates, String integrity) {
    private static final String[] QUERIES = {
        // The entry holds the rest of the model (lineage, notes, benchmarks, engines ...), written by one mapper.
        "SELECT 'model', id, origin, name, family, release_date, license, params_total, params_active, "
                + "params_published, context_length, entry FROM models",
        "SELECT 'variant', model_id, repo_id, format, quants, source, origin FROM variants",
        "SELECT 'progress', repo_id, last_modified, sha, outcome, base_model, format, quants FROM sync_repos",
        "SELECT 'cursor', state_key, state_value FROM sync_state",
    };
    private static final String[] DUPLICATES = {
        "SELECT 'variant ' || repo_id FROM variants WHERE origin = 'sync' GROUP BY repo_id HAVING COUNT(*) > 1",
        "SELECT 'model ' || LOWER(id) FROM models GROUP BY LOWER(id) HAVING COUNT(*) > 1",
    };

    static StoreSnapshot of(String db) throws SQLException {
        DbSpec spec = DbSpec.resolve(db);
        try (Connection c = DriverManager.getConnection(spec.jdbcUrl(), spec.user(), spec.password());
             Statement s = c.createStatement()) {
            Set<String> rows = new TreeSet<>();
            for (String q : QUERIES) {
                rows.addAll(lines(s, q));
            }
            List<String> dups = new ArrayList<>();
            for (String q : DUPLICATES) {
                dups.addAll(lines(s, q));
            }
            String integrity = spec.kind() == DbSpec.Kind.SQLITE
                    ? String.join(",", lines(s, "PRAGMA integrity_check")) : "ok (PostgreSQL: not applicable)";
            return new StoreSnapshot(rows, dups, integrity);
        }
    }

    long count(String kind) {
        return rows.stream().filter(r -> r.startsWith(kind + "|")).count();
    }

    /** Rows of {@code reference} this store lacks. */
    Set<String> missingFrom(StoreSnapshot reference) {
        Set<String> lost = new TreeSet<>(reference.rows);
        lost.removeAll(rows);
        return lost;
    }

    private static List<String> lines(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
