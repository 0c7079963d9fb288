package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The catalog shipped in the jar, read once ({@link BundledCatalog}, {@link CatalogModels}). */
public final class BundledCatalogSource implements CatalogSource {
    private final IndexedModels models = new IndexedModels(CatalogModels.bundled());

    @Override
    public List<CatalogModel> models() {
        return models.all();
    }

    @Override
    public Optional<CatalogModel> find(String id) {
        return models.find(id);
    }

    @Override
    public Optional<ModelFacts> facts(String id) {
        return BundledCatalog.find(id).map(BundledCatalogSource::facts);
    }

    static ModelFacts facts(JsonNode e) {
        List<String> modalities = new ArrayList<>();
        e.path("modalities").forEach(x -> modalities.add(x.asText()));
        List<ModelFacts.Benchmark> bench = new ArrayList<>();
        for (JsonNode b : e.path("benchmarks")) {
            if (b.path("score").isNumber()) {
                bench.add(new ModelFacts.Benchmark(b.path("name").asText(), b.path("score").asDouble(),
                        text(b, "setting"), text(b, "source"), text(b, "reported_by")));
            }
        }
        List<String> sources = new ArrayList<>();
        e.path("sources").forEach(x -> sources.add(x.asText()));
        List<ModelFacts.Edge> lineage = new ArrayList<>();
        for (JsonNode l : e.path("lineage")) {
            if (l.hasNonNull("relation") && l.hasNonNull("parent")) {
                lineage.add(new ModelFacts.Edge(l.get("relation").asText(), l.get("parent").asText(), text(l, "source")));
            }
        }
        java.util.Map<String, List<String>> unknown = new java.util.TreeMap<>();
        e.path("unknown").fields().forEachRemaining(f -> {
            List<String> places = new ArrayList<>();
            f.getValue().forEach(x -> places.add(x.asText()));
            unknown.put(f.getKey(), places);
        });
        String status = text(e, "config_status");
        if (status == null) {
            status = e.path("config").isObject() && !e.path("config").isEmpty() ? "verified" : "missing";
        }
        return new ModelFacts(e.path("id").asText(), text(e, "org"), text(e, "base_model"), text(e, "distilled_from"),
                modalities, bench, sources, text(e, "notes"), lineage, status, text(e, "config_source"), unknown);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
