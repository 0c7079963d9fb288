package dev.runyard.app.entry;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.catalog.ModelKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One catalog model: the typed form of an entry of {@code catalog/models/*.json} and of the store's {@code entry}
 * column, read and written by {@link CatalogJson} only. The JSON keys are the components in snake_case, in this
 * order; {@code docs/schema/catalog-entry.schema.json} describes the same shape, and the build checks every bundled
 * entry against both. Adding a field is a component here plus a property there.
 *
 * @param paramsTotal    the published total (the store computes its own from the config when the basis is "config")
 * @param paramsBasis    "config" (count from the config) or "published" (take the published figures)
 * @param config         the model's {@code config.json}, or null when none is known
 * @param configStatus   verified / unverified / unplaced / missing, or null (derived: {@link #configStatusOrDerived})
 * @param configUnplaced a config kept for the record that the estimator cannot place yet
 * @param kind           chat, base, coder …, where the id does not say it (null: derived from id and name)
 * @param unknown        per missing fact, the places searched for it
 * @param factSources    per fact, where it was read
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CatalogEntry(String id, String name, String family, String org, String baseModel, String distilledFrom,
                           String releaseDate, String license, boolean openWeights, List<String> modalities,
                           Long contextLength, Long paramsTotal, Long paramsActive, String paramsSource,
                           String paramsBasis, ObjectNode config, String configSource, String configCheck,
                           List<Benchmark> benchmarks, List<Repo> quantizedRepos, List<Engine> engines,
                           List<String> sources, String notes, String configStatus, Map<String, FactSource> factSources,
                           Map<String, List<String>> unknown, List<Edge> lineage, String kind,
                           ObjectNode configUnplaced) {
    public static final String BASIS_CONFIG = "config";
    public static final String BASIS_PUBLISHED = "published";
    public static final List<String> CONFIG_STATUSES = List.of("verified", "unverified", "unplaced", "missing");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public CatalogEntry {
        id = text("id", id);
        name = text("name", name);
        if (releaseDate != null && !DATE.matcher(releaseDate).matches()) {
            throw new IllegalArgumentException("release_date must be YYYY-MM-DD, got \"" + releaseDate + "\"");
        }
        positive("context_length", contextLength);
        positive("params_total", paramsTotal);
        positive("params_active", paramsActive);
        if (!BASIS_CONFIG.equals(paramsBasis) && !BASIS_PUBLISHED.equals(paramsBasis)) {
            throw new IllegalArgumentException("params_basis must be \"config\" or \"published\", got " + paramsBasis);
        }
        if (configStatus != null && !CONFIG_STATUSES.contains(configStatus)) {
            throw new IllegalArgumentException("config_status must be one of " + CONFIG_STATUSES + ", got " + configStatus);
        }
        if (kind != null && Arrays.stream(ModelKind.values()).noneMatch(k -> k.key().equals(kind))) {
            throw new IllegalArgumentException("kind must be one of chat, reasoning, coder, vision, embedding, guard,"
                    + " reward, base; got " + kind);
        }
        modalities = copy(modalities);
        benchmarks = copy(benchmarks);
        quantizedRepos = copy(quantizedRepos);
        engines = copy(engines);
        sources = copy(sources);
        lineage = copy(lineage);
        factSources = factSources == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factSources));
        unknown = unknown == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    /** Whether a usable config is known (planning and parameter counts need one). */
    public boolean hasConfig() {
        return config != null && !config.isEmpty();
    }

    /** The stated config status, else "verified" when there is a config and "missing" when there is none. */
    public String configStatusOrDerived() {
        return configStatus != null ? configStatus : hasConfig() ? "verified" : "missing";
    }

    /** The same entry with other quantized repositories (the store keeps them apart, with who wrote each). */
    public CatalogEntry withQuantizedRepos(List<Repo> repos) {
        return new CatalogEntry(id, name, family, org, baseModel, distilledFrom, releaseDate, license, openWeights,
                modalities, contextLength, paramsTotal, paramsActive, paramsSource, paramsBasis, config, configSource,
                configCheck, benchmarks, repos, engines, sources, notes, configStatus, factSources, unknown, lineage,
                kind, configUnplaced);
    }

    /** A published score: where it was read, the setting it was measured in, and who reported it (null: not said). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Benchmark(String name, double score, String setting, String source, String reportedBy) {
        public Benchmark {
            name = text("name", name);
        }
    }

    /**
     * A published weight repository (GGUF, AWQ, GPTQ, FP8, MLX …) and what a listing of it showed: its files, with
     * sizes when known, and its weight bits. {@code files} null: nobody listed its files.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Repo(String id, String format, List<String> quants, String source, List<RepoFile> files,
                       String listingSource, String listing, String listingNote, Integer bits, String note) {
        public Repo {
            id = text("id", id);
            format = text("format", format);
            quants = copy(quants);
            files = files == null ? null : List.copyOf(files);
        }
    }

    /** One weight file (or set of shards) of a repository: its quant, path, bytes, whether exact, and shards. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RepoFile(String quant, String file, Long bytes, boolean exact, Integer parts) {
        public RepoFile {
            quant = text("quant", quant);
        }
    }

    /** Whether an engine runs the model (null: not known), since which version, and the source. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Engine(String engine, Boolean supported, String since, String note, String source) {
        public Engine {
            engine = text("engine", engine);
        }
    }

    /** A lineage edge a source states: base_model, finetune_of, distilled_from or quantized_from. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Edge(String relation, String parent, String source, String note) {
        public Edge {
            relation = text("relation", relation);
            parent = text("parent", parent);
        }
    }

    /** Where one fact was read, with a note on how. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FactSource(String source, String note) {
    }

    private static String text(String field, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return v;
    }

    private static void positive(String field, Long v) {
        if (v != null && v <= 0) {
            throw new IllegalArgumentException(field + " must be a positive integer or null, got " + v);
        }
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }
}
