package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.entry.CatalogEntry;
import dev.runyard.app.entry.CatalogJson;
import java.io.IOException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Rows written before migration V6 kept a model in columns, not in an entry. When a store is opened, each such row
 * is rewritten once into its entry (through {@link CatalogJson}, like every other entry); after that nothing reads the
 * old columns. Bundled rows are rewritten again by the loader anyway; synced ones only here.
 */
final class LegacyRows {
    private LegacyRows() {
    }

    /** Converts every row without an entry; returns how many. */
    static int upgrade(CatalogStore store) {
        if (!store.hasLegacyRows()) {
            return 0; // the usual case: no write transaction on a store that is already converted
        }
        return store.transaction(w -> {
            w.lockExclusive();
            Handle h = w.handle();
            record Row(String id, CatalogEntry entry) {
            }
            List<Row> rows = h.createQuery("SELECT * FROM models WHERE entry IS NULL").map((rs, ctx) -> {
                ObjectNode e = StoreWriter.MAPPER.createObjectNode();
                e.put("id", rs.getString("id"));
                e.put("name", rs.getString("name"));
                e.put("family", rs.getString("family"));
                e.put("org", rs.getString("org"));
                e.put("base_model", rs.getString("base_model"));
                e.put("distilled_from", rs.getString("distilled_from"));
                e.put("release_date", rs.getString("release_date"));
                e.put("license", rs.getString("license"));
                e.put("open_weights", rs.getBoolean("open_weights"));
                e.set("modalities", tree(rs.getString("modalities")));
                long ctxLen = rs.getLong("context_length");
                e.put("context_length", rs.wasNull() ? null : ctxLen);
                long published = rs.getLong("params_published");
                e.put("params_total", rs.wasNull() ? null : published);
                String basis = rs.getString("params_basis");
                e.put("params_basis", basis);
                if (!CatalogEntry.BASIS_CONFIG.equals(basis)) {
                    long active = rs.getLong("params_active");
                    e.put("params_active", rs.wasNull() ? null : active);
                }
                JsonNode config = tree(rs.getString("config"));
                if (config != null && config.isObject()) {
                    e.set("config", config);
                }
                e.put("notes", rs.getString("notes"));
                ArrayNode sources = e.putArray("sources");
                if (rs.getString("source_url") != null) {
                    sources.add(rs.getString("source_url"));
                }
                JsonNode facts = tree(rs.getString("facts"));
                if (facts != null && facts.isObject()) {
                    facts.fields().forEachRemaining(f -> e.set(f.getKey(), f.getValue()));
                }
                return new Row(rs.getString("id"), CatalogJson.entry(e));
            }).list();
            for (Row r : rows) {
                h.createUpdate("UPDATE models SET entry = :e WHERE id = :id").bind("e", CatalogJson.text(r.entry()))
                        .bind("id", r.id()).execute();
            }
            return rows.size();
        });
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return StoreWriter.MAPPER.readTree(json);
        } catch (IOException e) {
            return null; // a damaged cell loses that fact, not the model
        }
    }
}
