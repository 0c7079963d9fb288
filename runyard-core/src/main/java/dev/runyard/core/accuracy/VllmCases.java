package dev.runyard.core.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replays vLLM and SGLang startup logs: weights per GPU ("Model loading took") and KV bytes per token per GPU
 * (available KV memory over KV tokens, or SGLang's K+V size over its token count). Rows name their model by
 * Hugging Face id; {@code configs} finds the architecture (rows without one are skipped and listed).
 */
public final class VllmCases {
    private static final double GIB = 1L << 30;

    private VllmCases() {
    }

    public static AccuracyReport replay(List<JsonNode> rows, Function<String, Optional<HfConfig>> configs) {
        List<Sample> samples = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode row : rows) {
            String id = row.path("id").asText(row.path("case_id").asText());
            String model = row.path("model").asText("").split(" ")[0];
            Optional<HfConfig> config = model.isEmpty() ? Optional.empty() : configs.apply(model);
            if (config.isEmpty()) {
                skipped.add(id + ": no config for \"" + model + "\"");
                continue;
            }
            ModelArchitecture arch = ArchitectureReader.read(config.get());
            boolean sglang = row.path("engine").asText().equals("sglang");
            int tp = row.path("tensor_parallel_size").asInt(1);
            int pp = Math.max(1, row.path("pipeline_parallel_size").asInt(1));
            String kvDtype = row.path("kv_cache_dtype").asText("auto").toLowerCase(Locale.ROOT);
            KvType kv = kvDtype.startsWith("fp8") ? KvType.FP8 : KvType.F16;
            EstimateRequest req = EstimateRequest.builder(quantOf(row, arch))
                    .engine(sglang ? Engine.SGLANG : Engine.VLLM).gpus(tp * pp).tp(tp).pp(pp).kvType(kv, kv)
                    .ctx(row.path("max_model_len").asLong(4096) > 0 ? row.path("max_model_len").asLong(4096) : 4096)
                    .build();
            MemoryEstimate est = MemoryEstimator.estimate(arch, req);
            if (row.path("weights_gib").isNumber()) {
                samples.add(new Sample(id, "vllm_weights_per_gpu", est.weightsBytes(), row.get("weights_gib").asDouble() * GIB));
            }
            Double actualPerToken = null;
            if (!sglang && row.path("available_kv_cache_gib").isNumber() && row.path("kv_cache_tokens").isNumber()
                    && !isHybrid(arch)) {
                actualPerToken = row.get("available_kv_cache_gib").asDouble() * GIB / row.get("kv_cache_tokens").asDouble();
            } else if (sglang && row.path("sglang_k_size_gb").isNumber() && row.path("sglang_kv_tokens").isNumber()) {
                actualPerToken = (row.get("sglang_k_size_gb").asDouble() + row.path("sglang_v_size_gb").asDouble(0)) * GIB
                        / row.get("sglang_kv_tokens").asDouble();
            }
            if (actualPerToken != null) {
                samples.add(new Sample(id, "kv_bytes_per_token", est.kvBytesPerToken(), actualPerToken));
            }
        }
        return new AccuracyReport(samples, skipped);
    }

    private static boolean isHybrid(ModelArchitecture arch) {
        return arch.layers().stream().anyMatch(l -> !(l.attention() instanceof dev.runyard.core.model.Attention.Standard s
                && s.window().isFull()) && !(l.attention() instanceof dev.runyard.core.model.Attention.Mla));
    }

    static Quant quantOf(JsonNode row, ModelArchitecture arch) {
        String q = row.path("quantization").asText("").toLowerCase(Locale.ROOT);
        if (q.isEmpty() || q.equals("none") || q.equals("null")) {
            q = arch.checkpointQuant().isEmpty() ? "bf16" : arch.checkpointQuant();
        }
        return Quant.parse(q.equals("auto_round") ? "gptq" : q);
    }
}
