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
 * @param artifacts    published weight repositories (the artifact registry), preferred first within a format
 * @param commercialOk false for non-commercial or research-only licences
 * @param declaredKind the catalog's own kind where the id does not show it (a base checkpoint without "-Base"), or
 *                     null
 * @param benchmarkSources benchmark name → where the score kept in {@code benchmarks} was published
 * @param checkpoint   the repository's own safetensors headers, read from the Hub for a repo outside the catalog
 *                     (or why they could not be read); null for catalog models and local files
 */
public record CatalogModel(String id, String name, String family, String license, boolean openWeights,
                           boolean commercialOk, String releaseDate, long contextLength, long paramsTotal,
                           long paramsActive, ModelArchitecture arch, Map<String, Double> benchmarks,
                           Map<String, Boolean> engines, List<ArtifactRepo> artifacts, ModelKind declaredKind,
                           Map<String, String> benchmarkSources, Checkpoint checkpoint) {
    public CatalogModel {
        benchmarks = Map.copyOf(benchmarks);
        engines = Map.copyOf(engines);
        artifacts = List.copyOf(artifacts);
        benchmarkSources = Map.copyOf(benchmarkSources);
    }

    /** A model with no checkpoint headers (every catalog model). */
    public CatalogModel(String id, String name, String family, String license, boolean openWeights,
                        boolean commercialOk, String releaseDate, long contextLength, long paramsTotal,
                        long paramsActive, ModelArchitecture arch, Map<String, Double> benchmarks,
                        Map<String, Boolean> engines, List<ArtifactRepo> artifacts, ModelKind declaredKind,
                        Map<String, String> benchmarkSources) {
        this(id, name, family, license, openWeights, commercialOk, releaseDate, contextLength, paramsTotal, paramsActive,
                arch, benchmarks, engines, artifacts, declaredKind, benchmarkSources, null);
    }

    public CatalogModel(String id, String name, String family, String license, boolean openWeights,
                        boolean commercialOk, String releaseDate, long contextLength, long paramsTotal,
                        long paramsActive, ModelArchitecture arch, Map<String, Double> benchmarks,
                        Map<String, Boolean> engines, List<ArtifactRepo> artifacts) {
        this(id, name, family, license, openWeights, commercialOk, releaseDate, contextLength, paramsTotal, paramsActive,
                arch, benchmarks, engines, artifacts, null, Map.of());
    }

    /** A model known only by its architecture (a config.json or GGUF file given on the command line). */
    public static CatalogModel local(String id, ModelArchitecture arch) {
        long total = dev.runyard.core.estimate.ParameterCounts.total(arch);
        return new CatalogModel(id, id, "", "", true, true, null, arch.maxContext(), total,
                dev.runyard.core.estimate.ParameterCounts.active(arch), arch, Map.of(), Map.of(), List.of());
    }

    /** Format key ("gguf", "awq", "fp8", "mlx" …) → the preferred repository of that format. */
    public Map<String, String> repos() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (ArtifactRepo a : artifacts) {
            out.putIfAbsent(a.key(), a.repo());
        }
        return out;
    }

    /** Every GGUF quantization some listed repository holds, as the files spell them. */
    public List<String> ggufQuants() {
        return artifacts.stream().filter(ArtifactRepo::isGguf).flatMap(a -> a.files().stream())
                .map(ArtifactFile::quant).distinct().sorted().toList();
    }

    /** What the model is for (chat, coder, guard, base …), from its id, name and vision tower. */
    public ModelKind kind() {
        return declaredKind != null ? declaredKind : ModelKind.of(id, name, arch != null && arch.visionParams() > 0);
    }

    /** What its licence lets a user do commercially; unknown when the catalog has no licence. */
    public LicenseClass licenseClass() {
        return LicenseClass.of(license);
    }

    /** The same model with another artifact list (tests, local files). */
    public CatalogModel withArtifacts(List<ArtifactRepo> list) {
        return new CatalogModel(id, name, family, license, openWeights, commercialOk, releaseDate, contextLength,
                paramsTotal, paramsActive, arch, benchmarks, engines, list, declaredKind, benchmarkSources, checkpoint);
    }

    /** The same model with its checkpoint's headers (a repo read from the Hub). */
    public CatalogModel withCheckpoint(Checkpoint c) {
        return new CatalogModel(id, name, family, license, openWeights, commercialOk, releaseDate, contextLength,
                paramsTotal, paramsActive, arch, benchmarks, engines, artifacts, declaredKind, benchmarkSources, c);
    }

    /**
     * How the publisher's checkpoint stores its weights: what its headers show when they were read, else the
     * config's {@code quant_method} ("" for a 16-bit checkpoint or no config).
     */
    public String checkpointQuant() {
        if (checkpoint instanceof Checkpoint.Read r) {
            return r.format();
        }
        return arch == null ? "" : arch.checkpointQuant();
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
