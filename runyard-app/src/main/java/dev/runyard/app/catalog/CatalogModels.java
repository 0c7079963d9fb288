package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns catalog entries into the records ranking works on; entries whose config cannot be read get no architecture. */
public final class CatalogModels {
    private static volatile List<CatalogModel> bundled;

    private CatalogModels() {
    }

    public static List<CatalogModel> bundled() {
        if (bundled == null) {
            synchronized (CatalogModels.class) {
                if (bundled == null) {
                    // Reading 300+ architectures is independent work: use both cores.
                    bundled = BundledCatalog.entries().parallelStream().map(CatalogModels::of).toList();
                }
            }
        }
        return bundled;
    }

    /** Every model in a catalog store (bundled and synced), as ranking sees them. */
    public static List<CatalogModel> fromStore(dev.runyard.app.store.CatalogStore store) {
        return StoreEntries.all(store).parallelStream().map(CatalogModels::of).toList();
    }

    public static CatalogModel of(JsonNode e) {
        String id = e.path("id").asText();
        ModelArchitecture arch = null;
        long total = e.path("params_total").asLong(0);
        long active = e.path("params_active").asLong(total);
        JsonNode cfg = e.get("config");
        if (cfg != null && cfg.isObject() && !cfg.isEmpty()) {
            try {
                arch = ArchitectureReader.read(HfConfig.of(cfg, id));
                if ("config".equals(e.path("params_basis").asText())) {
                    total = ParameterCounts.total(arch);
                    active = ParameterCounts.active(arch);
                }
            } catch (RuntimeException ex) {
                arch = null; // summarised or partial config: the model is listed but cannot be sized
            }
        }
        Map<String, Double> bench = new HashMap<>();
        Map<String, String> benchSources = new HashMap<>();
        for (JsonNode b : e.path("benchmarks")) {
            if (b.path("score").isNumber()) {
                String name = b.path("name").asText();
                double score = b.path("score").asDouble();
                // Where sources disagree the catalog keeps both; ranking uses the higher and names its source.
                if (!bench.containsKey(name) || score > bench.get(name)) {
                    bench.put(name, score);
                    benchSources.put(name, b.path("source").asText(""));
                }
            }
        }
        Map<String, Boolean> engines = new HashMap<>();
        // The architecture's row of the engine matrix first; the model's own catalog entry overrides it.
        if (arch != null) {
            for (EngineMatrix.Support s : EngineMatrix.bundled().of(arch.modelType())) {
                if (s.supported() != null) {
                    engines.put(s.engine(), s.supported());
                }
            }
        }
        for (JsonNode en : e.path("engines")) {
            if (en.path("supported").isBoolean()) {
                engines.put(en.path("engine").asText().toLowerCase(Locale.ROOT), en.path("supported").asBoolean());
            }
        }
        List<ArtifactRepo> artifacts = Registry.artifacts(id, e.path("quantized_repos"));
        String license = e.path("license").asText("");
        // Commercial use without conditions to check: a permissive licence only (see LicenseClass).
        boolean commercial = dev.runyard.core.catalog.LicenseClass.of(license)
                == dev.runyard.core.catalog.LicenseClass.PERMISSIVE;
        return new CatalogModel(id, e.path("name").asText(id), e.path("family").asText(""), license,
                e.path("open_weights").asBoolean(true), commercial, e.path("release_date").asText(null),
                e.path("context_length").asLong(0), total, active, arch, bench, engines, artifacts,
                e.hasNonNull("kind") ? dev.runyard.core.catalog.ModelKind.parse(e.get("kind").asText()) : null,
                benchSources);
    }

    /**
     * Which quantized repo to point commands at, in order: the publisher's own, ggml-org (stock llama.cpp
     * quantization, which the estimates model exactly), unsloth, bartowski, anyone else; ties by name.
     */
    static int rankOf(String repo, String modelId) {
        String l = repo.toLowerCase(Locale.ROOT);
        String org = modelId.contains("/") ? modelId.substring(0, modelId.indexOf('/')).toLowerCase(Locale.ROOT) : "";
        if (!org.isEmpty() && l.startsWith(org + "/")) {
            return 0;
        }
        return l.startsWith("ggml-org/") ? 1 : l.startsWith("unsloth/") ? 2 : l.startsWith("bartowski/") ? 3 : 4;
    }
}
