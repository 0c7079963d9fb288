package dev.runyard.app.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.entry.CatalogEntry;
import java.util.List;
import java.util.Objects;

/**
 * One catalog model as the store keeps it: its {@link CatalogEntry} (the one typed record of a model, kept whole in
 * the {@code entry} column), what the store adds to it (parameter counts computed from the config, who wrote it and
 * when) and its quantized repositories, each with the origin that wrote it ({@code variants}).
 *
 * @param params the counts as stored: computed from the config when the entry's basis is "config" and the config
 *               reads, else the published figures
 */
public record ModelRecord(CatalogEntry entry, ParamCount params, String sourceUrl, Origin origin, String updatedAt,
                          List<Variant> variants) {
    public ModelRecord {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(origin, "origin");
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** A record for {@code entry} as {@code origin} writes it: counts from its config, its repos as variants. */
    public static ModelRecord of(CatalogEntry entry, Origin origin) {
        ParamCount p = ParamCount.of(entry.id(), entry.config(), entry.paramsBasis(), entry.paramsTotal(),
                entry.paramsActive());
        return new ModelRecord(entry, p, "https://huggingface.co/" + entry.id(), origin, null,
                entry.quantizedRepos().stream().map(r -> Variant.of(r, origin)).toList());
    }

    /** The entry with the repositories the store holds for it, bundled and synced: what planning reads. */
    public CatalogEntry catalogEntry() {
        return entry.withQuantizedRepos(variants.stream().map(Variant::toRepo).toList());
    }

    public String id() {
        return entry.id();
    }

    public String name() {
        return entry.name();
    }

    public String family() {
        return entry.family();
    }

    public String org() {
        return entry.org();
    }

    public String baseModel() {
        return entry.baseModel();
    }

    public String distilledFrom() {
        return entry.distilledFrom();
    }

    public String releaseDate() {
        return entry.releaseDate();
    }

    public String license() {
        return entry.license();
    }

    public boolean openWeights() {
        return entry.openWeights();
    }

    public List<String> modalities() {
        return entry.modalities();
    }

    public Long contextLength() {
        return entry.contextLength();
    }

    public Long paramsTotal() {
        return params.total();
    }

    public Long paramsActive() {
        return params.active();
    }

    /** The published total the entry states (null: none). */
    public Long paramsPublished() {
        return entry.paramsTotal();
    }

    public String paramsBasis() {
        return params.basis();
    }

    public ObjectNode config() {
        return entry.config();
    }

    public String notes() {
        return entry.notes();
    }

    public List<CatalogEntry.Benchmark> benchmarks() {
        return entry.benchmarks();
    }

    public List<CatalogEntry.Engine> engines() {
        return entry.engines();
    }

    /** Whether a usable config is stored (radar and estimates need one). */
    public boolean hasConfig() {
        return entry.hasConfig();
    }

    public ModelRecord withVariants(List<Variant> v) {
        return new ModelRecord(entry, params, sourceUrl, origin, updatedAt, v);
    }
}
