package dev.runyard.app.cli;

import dev.runyard.app.entry.CatalogEntry;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How {@code runyard models} shows store records: a JSON object per model, or a table within 100 columns. */
final class ModelsView {
    private ModelsView() {
    }

    static Map<String, Object> toMap(ModelRecord m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("name", m.name());
        o.put("family", m.family());
        o.put("org", m.org());
        o.put("base_model", m.baseModel());
        o.put("distilled_from", m.distilledFrom());
        o.put("release_date", m.releaseDate());
        o.put("license", m.license());
        o.put("open_weights", m.openWeights());
        o.put("modalities", m.modalities());
        o.put("context_length", m.contextLength());
        o.put("params_total", m.paramsTotal());
        o.put("params_active", m.paramsActive());
        o.put("params_published", m.paramsPublished());
        o.put("params_basis", m.paramsBasis());
        o.put("source_url", m.sourceUrl());
        o.put("origin", m.origin().db());
        List<Map<String, Object>> b = new ArrayList<>();
        for (CatalogEntry.Benchmark x : m.benchmarks()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", x.name());
            r.put("score", x.score());
            r.put("setting", x.setting());
            r.put("source", x.source());
            r.put("reported_by", x.reportedBy());
            b.add(r);
        }
        o.put("benchmarks", b);
        // What the catalog knows beside the row: config status, lineage edges, explicit unknowns.
        CatalogEntry entry = m.entry();
        o.put("kind", entry.kind() != null ? entry.kind()
                : dev.runyard.core.catalog.ModelKind.of(m.id(), m.name(), m.modalities().contains("image")).key());
        o.put("config_status", entry.configStatusOrDerived());
        o.put("lineage", entry.lineage());
        o.put("unknown", entry.unknown());
        List<Map<String, Object>> v = new ArrayList<>();
        for (Variant x : m.variants()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", x.repoId());
            r.put("format", x.format());
            r.put("quants", x.quants());
            r.put("source", x.source());
            r.put("origin", x.origin().db());
            // The artifact registry: what a listing of the repo showed (null: nobody listed its files).
            r.put("listed", x.listing() != null);
            r.put("bits", x.listing() == null ? null : x.listing().bits());
            r.put("listing_source", x.listing() == null ? null : x.listing().source());
            List<Map<String, Object>> files = new ArrayList<>();
            if (x.listing() != null) {
                for (var f : x.listing().files()) {
                    Map<String, Object> fr = new LinkedHashMap<>();
                    fr.put("quant", f.quant());
                    fr.put("file", f.path());
                    fr.put("bytes", f.bytes());
                    fr.put("exact", f.exact());
                    fr.put("parts", f.parts());
                    files.add(fr);
                }
            }
            r.put("files", files);
            v.add(r);
        }
        o.put("variants", v);
        List<Map<String, Object>> e = new ArrayList<>();
        // By engine name, whatever order the entry lists them in.
        for (CatalogEntry.Engine x : m.engines().stream().sorted(java.util.Comparator.comparing(CatalogEntry.Engine::engine)).toList()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("engine", x.engine());
            r.put("supported", x.supported());
            r.put("since", x.since());
            r.put("note", x.note());
            r.put("source", x.source());
            e.add(r);
        }
        o.put("engines", e);
        return o;
    }

    /**
     * ID 37, FAMILY 16, PARAMS 7, ACTIVE 7, CTX 5, LICENSE 11, RELEASED 10: 99 columns with separators. A longer id
     * is never cut: it gets a line of its own (see {@link #id}).
     */
    static String toText(List<ModelRecord> models) {
        StringBuilder sb = new StringBuilder();
        String fmt = "%-37s %-16s %7s %7s %5s %-11s %-10s%n";
        sb.append(String.format(Locale.ROOT, fmt, "ID", "FAMILY", "PARAMS", "ACTIVE", "CTX", "LICENSE", "RELEASED"));
        for (ModelRecord m : models) {
            sb.append(String.format(Locale.ROOT, fmt, id(sb, m.id(), 37, ""), cut(m.family(), 16), params(m.paramsTotal()),
                    params(m.paramsActive()), ctx(m.contextLength()), cut(m.license(), 11),
                    m.releaseDate() == null ? "-" : m.releaseDate()));
        }
        sb.append(models.size()).append(models.size() == 1 ? " model" : " models").append(System.lineSeparator());
        return sb.toString();
    }

    /**
     * A table's id cell: ids are never cut; one longer than the column is written on a line of its own (after
     * {@code indent}) and the row continues below it with an empty cell.
     */
    static String id(StringBuilder sb, String id, int width, String indent) {
        if (id.length() <= width) {
            return id;
        }
        sb.append(indent).append(id).append(System.lineSeparator());
        return "";
    }

    static String cut(String s, int w) {
        if (s == null) {
            return "-";
        }
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }

    /** 8.03e9 → "8.0B", 671e9 → "671B", 135e6 → "135M". */
    static String params(Long p) {
        if (p == null) {
            return "-";
        }
        if (p >= 1_000_000_000_000L) {
            return String.format(Locale.ROOT, "%.2fT", p / 1e12);
        }
        if (p >= 100_000_000_000L) {
            return String.format(Locale.ROOT, "%.0fB", p / 1e9);
        }
        if (p >= 999_500_000L) {
            return String.format(Locale.ROOT, "%.1fB", p / 1e9);
        }
        return String.format(Locale.ROOT, "%.0fM", p / 1e6);
    }

    /** Context in K tokens (1K = 1024), e.g. 131072 → "128K". */
    static String ctx(Long c) {
        if (c == null) {
            return "-";
        }
        return c >= 1024 ? (c / 1024) + "K" : Long.toString(c);
    }
}
