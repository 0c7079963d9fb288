package dev.runyard.app.catalog;

import dev.runyard.app.entry.CatalogEntry;
import java.util.List;

/**
 * What a model page shows beyond the ranking record: organisation, lineage, modalities, benchmarks with their
 * sources, the catalog's sources and notes.
 */
public record ModelFacts(String id, String org, String baseModel, String distilledFrom, List<String> modalities,
                         List<Benchmark> benchmarks, List<String> sources, String notes, List<Edge> lineage,
                         String configStatus, String configSource, java.util.Map<String, List<String>> unknown) {
    public ModelFacts {
        modalities = List.copyOf(modalities);
        benchmarks = List.copyOf(benchmarks);
        sources = List.copyOf(sources);
        lineage = List.copyOf(lineage);
        unknown = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(unknown)); // one order: by fact
    }

    /** The facts of one catalog entry (the model page's view of it). */
    public static ModelFacts of(CatalogEntry e) {
        List<Benchmark> bench = e.benchmarks().stream()
                .map(b -> new Benchmark(b.name(), b.score(), b.setting(), b.source(), b.reportedBy())).toList();
        List<Edge> lineage = e.lineage().stream().map(l -> new Edge(l.relation(), l.parent(), l.source())).toList();
        return new ModelFacts(e.id(), e.org(), e.baseModel(), e.distilledFrom(), e.modalities(), bench, e.sources(),
                e.notes(), lineage, e.configStatusOrDerived(), e.configSource(), e.unknown());
    }

    /** One published score with the setting it was measured in, where it was published and who reported it. */
    public record Benchmark(String name, double score, String setting, String source, String reportedBy) {
    }

    /** A lineage edge a source states: base_model, finetune_of, distilled_from or quantized_from. */
    public record Edge(String relation, String parent, String source) {
        /** The relation in words, as the page shows it. */
        public String label() {
            return switch (relation) {
                case "base_model" -> "tuned from";
                case "finetune_of" -> "fine-tune of";
                case "distilled_from" -> "distilled from";
                case "quantized_from" -> "quantized from";
                default -> relation;
            };
        }
    }

    /** Every edge to a parent: the sourced lineage, plus base_model / distilled_from when no edge repeats them. */
    public List<Edge> parents() {
        List<Edge> out = new java.util.ArrayList<>(lineage);
        if (baseModel != null && out.stream().noneMatch(e -> e.parent().equalsIgnoreCase(baseModel))) {
            out.add(new Edge("base_model", baseModel, null));
        }
        if (distilledFrom != null && out.stream().noneMatch(e -> e.parent().equalsIgnoreCase(distilledFrom))) {
            out.add(new Edge("distilled_from", distilledFrom, null));
        }
        out.removeIf(e -> e.parent().equalsIgnoreCase(id));
        return out;
    }
}
