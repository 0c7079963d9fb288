package dev.runyard.app.web;

import dev.runyard.app.catalog.ModelFacts;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.rank.RankedResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON records of the API that the CLI has no equivalent for (models, GPUs, calculator), bytes as integers. */
final class ApiViews {
    private ApiViews() {
    }

    static Map<String, Object> modelSummary(CatalogModel m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("name", m.name());
        o.put("family", m.family());
        o.put("license", m.license());
        o.put("open_weights", m.openWeights());
        o.put("commercial_use", m.commercialOk());
        o.put("license_class", m.licenseClass().key());
        o.put("kind", m.kind().key());
        o.put("release_date", m.releaseDate());
        o.put("context_length", m.contextLength());
        o.put("params_total", m.paramsTotal());
        o.put("params_active", m.paramsActive());
        o.put("sizable", m.arch() != null);
        return o;
    }

    static Map<String, Object> modelDetail(CatalogModel m, ModelFacts f) {
        Map<String, Object> o = modelSummary(m);
        if (f != null) {
            o.put("org", f.org());
            o.put("base_model", f.baseModel());
            o.put("distilled_from", f.distilledFrom());
            o.put("modalities", f.modalities());
            List<Map<String, Object>> bench = new ArrayList<>();
            for (ModelFacts.Benchmark b : f.benchmarks()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("name", b.name());
                bm.put("score", b.score());
                bm.put("setting", b.setting());
                bm.put("source", b.source());
                bench.add(bm);
            }
            o.put("benchmarks", bench);
            o.put("sources", f.sources());
            o.put("notes", f.notes());
        }
        o.put("engines", new TreeMap<>(m.engines()));
        o.put("repos", new TreeMap<>(m.repos()));
        o.put("gguf_quants", m.ggufQuants());
        if (m.arch() != null) {
            o.put("architecture", new TreeMap<>(Map.of("model_type", m.arch().modelType(), "layers", m.arch().layerCount(),
                    "moe", m.arch().isMoe(), "max_context", m.arch().maxContext())));
        }
        return o;
    }

    static Map<String, Object> gpu(Accelerator a) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", a.id());
        o.put("vendor", a.vendor().displayName());
        o.put("name", a.name());
        o.put("memory_gb_options", a.memoryGbOptions());
        o.put("memory_bytes", a.memoryBytes());
        o.put("bandwidth_gbs", a.bandwidthGbs());
        o.put("fp16_tflops", a.fp16Tflops());
        o.put("fp8", a.fp8());
        o.put("fp4", a.fp4());
        o.put("unified_memory", a.unifiedMemory());
        o.put("kind", a.kind());
        o.put("architecture", a.architecture());
        o.put("aliases", a.aliases());
        o.put("source_url", a.sourceUrl());
        return o;
    }

    static Map<String, Object> hardware(String query, HardwareSpec spec) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("query", query);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (HardwareSpec.Part p : spec.parts()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("gpu", gpu(p.accelerator()));
            pm.put("count", p.count());
            pm.put("memory_bytes", p.memoryBytes());
            parts.add(pm);
        }
        o.put("parts", parts);
        o.put("device_count", spec.deviceCount());
        o.put("total_memory_bytes", spec.totalMemoryBytes());
        o.put("warnings", spec.warnings());
        // what the name resolved to, for a person: "1x NVIDIA GeForce RTX 4090 (24 GiB) + 1x ... (12 GiB)"
        o.put("description", String.join(" + ", spec.parts().stream().map(p -> p.count() + "x "
                + p.accelerator().vendor().displayName() + " " + p.accelerator().name() + " ("
                + Html.gib(p.memoryBytes()).replace(".0 GiB", " GiB") + ")").toList()));
        return o;
    }

    static Map<String, Object> radarItem(CatalogModel m, RankedResult best, boolean hardwareGiven) {
        Map<String, Object> o = modelSummary(m);
        if (hardwareGiven) {
            o.put("fit", best == null ? "does_not_fit" : best.fit().key());
            o.put("best", best == null ? null : new TreeMap<>(Map.of("quant", best.quant(), "context", best.context(),
                    "total_bytes", best.totalBytes(), "decode_tokens_per_s", Math.round(best.decodeTokensPerS() * 10) / 10.0,
                    "engine", best.engine(), "score", best.score())));
        }
        return o;
    }
}
