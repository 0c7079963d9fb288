package dev.runyard.core.catalog;

import dev.runyard.core.model.ModelArchitecture;
import java.util.List;
import java.util.Map;

/**
 * What ranking needs to know about one catalog model. {@code arch} is null when no config is public (then the model
 * cannot be sized and is skipped with a note).
 *
 * @param benchmarks   published scores by canonical benchmark name (percent, or Elo for "LMArena Elo")
 * @param engines      engine key → supported (absent = unknown, assumed supported when the architecture is common)
 * @param repos        format → repository to run ("gguf", "awq", "fp8", "mlx", "safetensors")
 * @param commercialOk false for non-commercial or research-only licences
 */
public record CatalogModel(String id, String name, String family, String license, boolean openWeights,
                           boolean commercialOk, String releaseDate, long contextLength, long paramsTotal,
                           long paramsActive, ModelArchitecture arch, Map<String, Double> benchmarks,
                           Map<String, Boolean> engines, Map<String, String> repos, List<String> ggufQuants) {
    public CatalogModel {
        benchmarks = Map.copyOf(benchmarks);
        engines = Map.copyOf(engines);
        repos = Map.copyOf(repos);
        ggufQuants = List.copyOf(ggufQuants);
    }

    /** A model known only by its architecture (a config.json or GGUF file given on the command line). */
    public static CatalogModel local(String id, ModelArchitecture arch) {
        long total = dev.runyard.core.estimate.ParameterCounts.total(arch);
        return new CatalogModel(id, id, "", "", true, true, null, arch.maxContext(), total,
                dev.runyard.core.estimate.ParameterCounts.active(arch), arch, Map.of(), Map.of(), Map.of(), List.of());
    }

    public int releaseYear() {
        if (releaseDate == null || releaseDate.length() < 4) {
            return 2024;
        }
        try {
            return Integer.parseInt(releaseDate.substring(0, 4));
        } catch (NumberFormatException e) {
            return 2024;
        }
    }
}
