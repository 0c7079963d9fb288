package dev.runyard.core.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.InventoryParams;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.LlamaCppCompute;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.KvCacheEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays llama.cpp load-log cases ({@code kind: llamacpp}): params, weights (the log's model size), KV cache and
 * the largest compute buffer, plus weights + KV + compute. Rows are skipped per metric where the case file says the
 * log cannot describe a stock current build: custom quant mixes (weights), legacy DeepSeek caches (KV),
 * the ik_llama.cpp fork's compute buffers and its missing sliding-window cache.
 */
public final class LlamaCppCases {
    private LlamaCppCases() {
    }

    public static AccuracyReport replay(List<JsonNode> rows) {
        List<Sample> samples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode row : rows) {
            String id = row.path("id").asText();
            if (!row.path("kind").asText().equals("llamacpp")) {
                continue;
            }
            JsonNode args = row.path("args");
            JsonNode expect = row.path("expect");
            ModelArchitecture arch = ArchitectureReader.read(HfConfig.of(row.get("config"), id));
            boolean ik = row.path("ik_fork").asBoolean(false);
            boolean legacy = row.path("legacy_kv").asBoolean(false);
            boolean custom = row.path("custom_mix").asBoolean(false);
            boolean swa = row.path("swa").asBoolean(false);
            if (expect.path("params").isNumber()) {
                samples.add(new Sample(id, "params", InventoryParams.gguf(arch), expect.get("params").asDouble()));
            }
            Double weights = null;
            Quant q = null;
            try {
                q = args.path("quant").isTextual() ? Quant.parse(args.get("quant").asText()) : null;
            } catch (RuntimeException e) {
                skipped.add(id + ": weights (quant \"" + args.get("quant").asText() + "\" not recognised)");
            }
            if (!custom && q != null && expect.path("weights_bytes").isNumber()) {
                if (q instanceof Quant.Gguf g) {
                    weights = (double) WeightsEstimator.gguf(arch, g, WeightsEstimator.usualImatrix(g)).bytes();
                    samples.add(new Sample(id, "weights", weights, expect.get("weights_bytes").asDouble()));
                }
            } else {
                skipped.add(id + ": weights (" + (custom ? "custom quant mix" : "quant not stated") + ")");
            }
            int ubatch = Math.min(args.path("ubatch").asInt(512), args.path("batch").asInt(2048));
            int parallel = args.path("parallel").asInt(1);
            long ctx = args.path("ctx").asLong();
            Double kv = null;
            if (!legacy && !(ik && swa) && expect.path("kv_cache_bytes").isNumber()) {
                KvCacheEstimate k = LlamaCppKvCache.estimate(arch, ctx, parallel, ubatch,
                        KvType.parse(args.path("kv_type_k").asText("f16")), KvType.parse(args.path("kv_type_v").asText("f16")),
                        row.path("swa_full").asBoolean(false));
                kv = (double) k.bytes();
                samples.add(new Sample(id, "kv_cache", kv, expect.get("kv_cache_bytes").asDouble()));
            } else {
                skipped.add(id + ": kv_cache (" + (legacy ? "legacy DeepSeek cache layout" : "ik fork has no SWA cache") + ")");
            }
            Double compute = null;
            if (!ik && !legacy && expect.path("compute_bytes").isNumber()) {
                boolean fa = args.path("flash_attn").asText("auto").equals("on");
                long cells = LlamaCppKvCache.estimate(arch, ctx, parallel, ubatch, KvType.F16, KvType.F16, false).cells();
                long hostExpert = 0;
                if (args.path("experts_on_cpu").asBoolean(false) && q instanceof Quant.Gguf g) {
                    hostExpert = largestExpertTensor(arch, WeightsEstimator.gguf(arch, g, WeightsEstimator.usualImatrix(g)));
                }
                compute = (double) LlamaCppCompute.estimate(arch, cells, ubatch, fa, parallel, hostExpert).bytes();
                samples.add(new Sample(id, "compute", compute, expect.get("compute_bytes").asDouble()));
            } else {
                skipped.add(id + ": compute (" + (ik ? "ik_llama.cpp fork buffers" : "legacy build") + ")");
            }
            if (weights != null && kv != null && compute != null) {
                double actual = expect.get("weights_bytes").asDouble() + expect.get("kv_cache_bytes").asDouble()
                        + expect.get("compute_bytes").asDouble();
                samples.add(new Sample(id, "weights+kv+compute", weights + kv + compute, actual));
            }
        }
        return new AccuracyReport(samples, skipped);
    }

    /** One expert stack (gate, up or down of one layer), assuming the stacks are of equal size. */
    static long largestExpertTensor(ModelArchitecture arch, dev.runyard.core.estimate.WeightsEstimate w) {
        long moeLayers = arch.layers().stream().filter(l -> l.ffn() instanceof dev.runyard.core.model.Ffn.Moe).count();
        return moeLayers == 0 ? 0 : w.expertBytes() / (moeLayers * 3);
    }

}
