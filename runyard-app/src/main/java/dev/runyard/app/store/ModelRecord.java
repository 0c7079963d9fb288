package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One catalog model as the store keeps it. {@code paramsTotal}/{@code paramsActive} are computed from the config when
 * {@code paramsBasis} is "config", else the published figure ({@code paramsPublished}). {@code facts} holds what the
 * catalog keeps beside the row ({@link #FACT_KEYS}: kind, config_status, config_source, lineage, unknown), or null.
 */
public record ModelRecord(String id, String name, String family, String org, String baseModel, String distilledFrom,
        String releaseDate, String license, boolean openWeights, List<String> modalities, Long contextLength,
        Long paramsTotal, Long paramsActive, Long paramsPublished, String paramsBasis, JsonNode config,
        String sourceUrl, String notes, Origin origin, String updatedAt, List<Benchmark> benchmarks,
        List<Variant> variants, List<EngineSupport> engines, JsonNode facts) {
    public ModelRecord(String id, String name, String family, String org, String baseModel, String distilledFrom,
                       String releaseDate, String license, boolean openWeights, List<String> modalities,
                       Long contextLength, Long paramsTotal, Long paramsActive, Long paramsPublished, String paramsBasis,
                       JsonNode config, String sourceUrl, String notes, Origin origin, String updatedAt,
                       List<Benchmark> benchmarks, List<Variant> variants, List<EngineSupport> engines) {
        this(id, name, family, org, baseModel, distilledFrom, releaseDate, license, openWeights, modalities,
                contextLength, paramsTotal, paramsActive, paramsPublished, paramsBasis, config, sourceUrl, notes, origin,
                updatedAt, benchmarks, variants, engines, null);
    }

    public ModelRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        modalities = modalities == null ? List.of() : List.copyOf(modalities);
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
        variants = variants == null ? List.of() : List.copyOf(variants);
        engines = engines == null ? List.of() : List.copyOf(engines);
    }

    /** The entry keys kept in {@code facts}: one list, shared by the loader, the store and the entry writer. */
    public static final List<String> FACT_KEYS = List.of("kind", "config_status", "config_source", "lineage", "unknown",
            "fact_sources");

    /** Whether a usable config is stored (radar and estimates need one). */
    public boolean hasConfig() {
        return config != null && config.isObject() && !config.isEmpty();
    }

    public ModelRecord withVariants(List<Variant> v) {
        return new ModelRecord(id, name, family, org, baseModel, distilledFrom, releaseDate, license, openWeights,
                modalities, contextLength, paramsTotal, paramsActive, paramsPublished, paramsBasis, config, sourceUrl,
                notes, origin, updatedAt, benchmarks, v, engines, facts);
    }
}
