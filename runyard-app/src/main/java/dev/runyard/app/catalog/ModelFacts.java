package dev.runyard.app.catalog;

import java.util.List;

/**
 * What a model page shows beyond the ranking record: organisation, lineage, modalities, benchmarks with their
 * sources, the catalog's sources and notes.
 */
public record ModelFacts(String id, String org, String baseModel, String distilledFrom, List<String> modalities,
                         List<Benchmark> benchmarks, List<String> sources, String notes) {
    public ModelFacts {
        modalities = List.copyOf(modalities);
        benchmarks = List.copyOf(benchmarks);
        sources = List.copyOf(sources);
    }

    /** One published score with the setting it was measured in and where it was published. */
    public record Benchmark(String name, double score, String setting, String source) {
    }
}
