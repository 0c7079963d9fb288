package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.store.Benchmark;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.EngineSupport;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Variant;
import java.util.List;

/**
 * Store records in the shape of the catalog data files, so ranking and pages read synced models exactly like
 * bundled ones.
 */
public final class StoreEntries {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoreEntries() {
    }

    public static List<JsonNode> all(CatalogStore store) {
        return store.models(ModelFilter.ALL).stream().map(StoreEntries::entry).toList();
    }

    public static JsonNode entry(ModelRecord r) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("id", r.id());
        e.put("name", r.name());
        e.put("family", r.family());
        e.put("org", r.org());
        e.put("base_model", r.baseModel());
        e.put("distilled_from", r.distilledFrom());
        e.put("release_date", r.releaseDate());
        e.put("license", r.license());
        e.put("open_weights", r.openWeights());
        ArrayNode mod = e.putArray("modalities");
        r.modalities().forEach(mod::add);
        if (r.contextLength() != null) {
            e.put("context_length", r.contextLength());
        }
        if (r.paramsPublished() != null) {
            e.put("params_total", r.paramsPublished());
        } else if (r.paramsTotal() != null) {
            e.put("params_total", r.paramsTotal());
        }
        if (r.paramsActive() != null) {
            e.put("params_active", r.paramsActive());
        }
        e.put("params_basis", r.paramsBasis());
        if (r.config() != null) {
            e.set("config", r.config());
        }
        e.put("notes", r.notes());
        if (r.facts() != null) {
            r.facts().fields().forEachRemaining(f -> e.set(f.getKey(), f.getValue()));
        }
        ArrayNode sources = e.putArray("sources");
        if (r.sourceUrl() != null) {
            sources.add(r.sourceUrl());
        }
        ArrayNode bench = e.putArray("benchmarks");
        for (Benchmark b : r.benchmarks()) {
            bench.addObject().put("name", b.name()).put("score", b.score()).put("setting", b.setting())
                    .put("source", b.source()).put("reported_by", b.reportedBy());
        }
        ArrayNode repos = e.putArray("quantized_repos");
        for (Variant v : r.variants()) {
            ObjectNode o = repos.addObject().put("id", v.repoId()).put("format", v.format()).put("source", v.source());
            ArrayNode q = o.putArray("quants");
            v.quants().forEach(q::add);
            if (v.listing() != null) {
                o.setAll(v.listing().toJson());
            }
        }
        ArrayNode engines = e.putArray("engines");
        for (EngineSupport s : r.engines()) {
            ObjectNode o = engines.addObject().put("engine", s.engine()).put("note", s.note());
            if (s.supported() != null) {
                o.put("supported", s.supported());
            }
        }
        return e;
    }
}
