package dev.runyard.core.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.format.hfconfig.HfConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a model's config by Hugging Face id among rows that carry one (calibration {@code model_configs.jsonl}
 * rows, or catalog entries), ignoring the org, quantization suffixes (-FP8, -AWQ) and release tags
 * (-Instruct-2507), which do not change the architecture.
 */
public final class ConfigIndex implements Function<String, Optional<HfConfig>> {
    private final Map<String, JsonNode> byKey = new HashMap<>();

    /** @param rows objects with a {@code config} and any of {@code id}, {@code hf_repo}, {@code model} naming it */
    public ConfigIndex(List<JsonNode> rows) {
        for (JsonNode row : rows) {
            JsonNode cfg = row.get("config");
            if (cfg == null || !(cfg.has("hidden_size") || cfg.path("text_config").has("hidden_size"))) {
                continue;
            }
            for (String name : new String[] {row.path("id").asText(""), row.path("hf_repo").asText(""),
                    row.path("model").asText("")}) {
                for (String part : name.split("/| ")) {
                    if (!part.isBlank()) {
                        byKey.putIfAbsent(key(part), cfg);
                    }
                }
            }
        }
    }

    static String key(String id) {
        String s = id.toLowerCase(Locale.ROOT);
        s = s.substring(s.lastIndexOf('/') + 1);
        s = s.replaceFirst("^meta-", "");
        s = s.replaceAll("-(fp8|awq|gptq|int4|int8)$", "");
        s = s.replaceAll("-(instruct|thinking)(-2507)?$", "");
        s = s.replaceAll("-instruct$", "");
        return s;
    }

    @Override
    public Optional<HfConfig> apply(String id) {
        JsonNode cfg = byKey.get(key(id));
        return cfg == null ? Optional.empty() : Optional.of(HfConfig.of(cfg, id));
    }
}
