package dev.runyard.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.plan.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real model configs (calibration/model_configs.jsonl, each with its source) and machines for planner tests. */
public final class Models {
    private Models() {
    }

    /** The calibration config whose "model" starts with {@code name}, as a catalog model with the given repos. */
    public static CatalogModel model(String name, Map<String, String> repos) {
        for (JsonNode row : Calibration.read("model_configs.jsonl")) {
            if (row.path("model").asText().startsWith(name)) {
                String id = row.path("hf_repo").asText(name);
                var arch = ArchitectureReader.read(HfConfig.of(row.get("config"), id));
                CatalogModel local = CatalogModel.local(id, arch);
                return new CatalogModel(id, id, "", "apache-2.0", true, true, "2025-01-01", arch.maxContext(),
                        local.paramsTotal(), local.paramsActive(), arch, Map.of(), Map.of(), artifacts(repos));
            }
        }
        throw new IllegalArgumentException("no calibration config for " + name);
    }

    /** Test repositories: a GGUF one lists the usual quant ladder (no sizes); others list nothing. */
    static List<ArtifactRepo> artifacts(Map<String, String> repos) {
        List<ArtifactRepo> out = new ArrayList<>();
        repos.forEach((key, repo) -> out.add(key.equals("gguf")
                ? new ArtifactRepo(repo, "GGUF", null, LADDER.stream()
                        .map(q -> new ArtifactFile(q, null, null, false, 1)).toList(), true, "test fixture")
                : new ArtifactRepo(repo, key.toUpperCase(java.util.Locale.ROOT), null, List.of(), true, "test fixture")));
        return out;
    }

    static final List<String> LADDER = List.of("BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q4_K_S", "IQ4_XS",
            "Q4_0", "Q3_K_M", "IQ3_XXS", "Q2_K");

    public static CatalogModel model(String name) {
        return model(name, Map.of());
    }

    /** GPUs as --gpu takes them, with {@code ramGib} of system RAM. */
    public static Machine machine(String gpus, long ramGib) {
        HardwareSpec spec = HardwareSpec.parse(gpus, AcceleratorDatabase.bundled());
        List<Machine.Gpu> list = new ArrayList<>();
        for (HardwareSpec.Part p : spec.parts()) {
            for (int i = 0; i < p.count(); i++) {
                list.add(new Machine.Gpu(p.accelerator(), p.memoryBytes()));
            }
        }
        boolean apple = list.get(0).accelerator().unifiedMemory();
        Backend backend = apple ? Backend.METAL : Backend.CUDA;
        return new Machine(list, ramGib << 30, apple, Machine.APPLE_DEFAULT_WORKING_SET,
                Machine.defaultMargin(list.get(0).memoryBytes()), backend);
    }
}
