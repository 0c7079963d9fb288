package dev.runyard.app.catalog;

import dev.runyard.app.entry.CatalogEntry;
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
                    bundled = CatalogSnapshot.read().orElseGet(CatalogModels::built);
                }
            }
        }
        return bundled;
    }

    /** The bundled models built from the catalog's JSON (what the jar's snapshot holds, see {@link CatalogSnapshot}). */
    static List<CatalogModel> built() {
        // Reading 300+ architectures is independent work: use both cores.
        return BundledCatalog.entries().parallelStream().map(CatalogModels::of).toList();
    }

    /** Every model in a catalog store (bundled and synced), as ranking sees them. */
    public static List<CatalogModel> fromStore(dev.runyard.app.store.CatalogStore store) {
        return store.models(dev.runyard.app.store.ModelFilter.ALL).parallelStream()
                .map(r -> of(r.catalogEntry())).toList();
    }

    public static CatalogModel of(CatalogEntry e) {
        String id = e.id();
        ModelArchitecture arch = null;
        long total = e.paramsTotal() == null ? 0 : e.paramsTotal();
        long active = e.paramsActive() == null ? total : e.paramsActive();
        if (e.hasConfig()) {
            try {
                arch = ArchitectureReader.read(HfConfig.of(e.config(), id));
                if (CatalogEntry.BASIS_CONFIG.equals(e.paramsBasis())) {
                    total = ParameterCounts.total(arch);
                    active = ParameterCounts.active(arch);
                }
            } catch (RuntimeException ex) {
                arch = null; // summarised or partial config: the model is listed but cannot be sized
            }
        }
        Map<String, Double> bench = new HashMap<>();
        Map<String, String> benchSources = new HashMap<>();
        for (CatalogEntry.Benchmark b : e.benchmarks()) {
            // Where sources disagree the catalog keeps both; ranking uses the higher and names its source.
            if (!bench.containsKey(b.name()) || b.score() > bench.get(b.name())) {
                bench.put(b.name(), b.score());
                benchSources.put(b.name(), b.source() == null ? "" : b.source());
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
        for (CatalogEntry.Engine en : e.engines()) {
            if (en.supported() != null) {
                engines.put(en.engine().toLowerCase(Locale.ROOT), en.supported());
            }
        }
        List<ArtifactRepo> artifacts = Registry.artifacts(id, e.quantizedRepos());
        String license = e.license() == null ? "" : e.license();
        // Commercial use without conditions to check: a permissive licence only (see LicenseClass).
        boolean commercial = dev.runyard.core.catalog.LicenseClass.of(license)
                == dev.runyard.core.catalog.LicenseClass.PERMISSIVE;
        return new CatalogModel(id, e.name(), e.family() == null ? "" : e.family(), license, e.openWeights(),
                commercial, e.releaseDate(), e.contextLength() == null ? 0 : e.contextLength(), total, active, arch,
                bench, engines, artifacts, e.kind() != null ? dev.runyard.core.catalog.ModelKind.parse(e.kind()) : null,
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
