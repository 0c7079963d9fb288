package dev.runyard.core.format.hfconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face {@code config.json}, read leniently (unknown keys are fine) and accessed with typed getters
 * that name the missing or malformed field in their error. Multimodal configs that nest the language model under
 * {@code text_config} are flattened by {@link #languageModel()}.
 */
public final class HfConfig {
    /**
     * Real config.json files are a few KiB (tens with a long quantization_config); 4 MiB leaves ample room and keeps
     * a hostile file (or /dev/zero) from using unbounded memory.
     */
    public static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build());

    private final ObjectNode root;
    private final String source;

    private HfConfig(ObjectNode root, String source) {
        this.root = root;
        this.source = source;
    }

    /** Reads a regular file of at most {@link #MAX_CONFIG_BYTES}; FIFOs and devices are refused unopened. */
    public static HfConfig read(Path path) {
        if (!Files.exists(path)) {
            throw RunyardException.badInput("config file not found: " + path, "check the path given to --config");
        }
        byte[] json = LocalFiles.readBounded(path, MAX_CONFIG_BYTES, "config.json");
        return parse(new String(json, StandardCharsets.UTF_8), path.toString());
    }

    public static HfConfig parse(String json, String source) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw RunyardException.badInput(source + " is not valid JSON" + loc, "pass a config.json file");
        }
        if (node == null || !node.isObject()) {
            throw RunyardException.badInput(source + " is not a JSON object", "pass a config.json file");
        }
        return new HfConfig((ObjectNode) node, source);
    }

    public static HfConfig of(JsonNode node, String source) {
        if (node == null || !node.isObject()) {
            throw RunyardException.badInput(source + " is not a JSON object", "pass a config.json object");
        }
        return new HfConfig((ObjectNode) node, source);
    }

    /**
     * The language model's config: for configs that nest it under {@code text_config} (Gemma 3, Llama 4,
     * Mistral 3, Qwen 3.5 …) the nested object with the outer keys it lacks; otherwise this config.
     */
    public HfConfig languageModel() {
        JsonNode text = root.get("text_config");
        if (text == null || !text.isObject()) {
            return this;
        }
        ObjectNode merged = ((ObjectNode) text).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("text_config") && !merged.has(e.getKey())) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        if (root.has("model_type")) {
            merged.put("outer_model_type", root.get("model_type").asText());
        }
        return new HfConfig(merged, source);
    }

    public boolean hasVisionTower() {
        return root.has("vision_config") && root.get("vision_config").isObject();
    }

    public Optional<HfConfig> child(String key) {
        JsonNode n = root.get(key);
        return n != null && n.isObject() ? Optional.of(new HfConfig((ObjectNode) n, source + "#" + key))
                : Optional.empty();
    }

    public String source() {
        return source;
    }

    public JsonNode json() {
        return root;
    }

    public boolean has(String key) {
        JsonNode n = root.get(key);
        return n != null && !n.isNull();
    }

    public String modelType() {
        return optString("model_type").orElse("");
    }

    public Optional<String> optString(String key) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    /** The first present key among {@code keys}, as a long; an error naming the first key when none is present. */
    public long requireLong(String... keys) {
        for (String k : keys) {
            Optional<Long> v = optLong(k);
            if (v.isPresent()) {
                return v.get();
            }
        }
        throw RunyardException.badInput(source + " has no \"" + keys[0] + "\"",
                "the config must define " + String.join(" or ", keys));
    }

    public int requireInt(String... keys) {
        long v = requireLong(keys);
        if (v > Integer.MAX_VALUE) {
            throw RunyardException.badInput(source + ": \"" + keys[0] + "\" is too large (" + v + ")", "check the config");
        }
        return (int) v;
    }

    public Optional<Long> optLong(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber() || n.asDouble() != Math.rint(n.asDouble())) {
            throw RunyardException.badInput(source + ": \"" + key + "\" must be an integer, got " + n, "check the config");
        }
        long v = n.asLong();
        if (v < 0) {
            throw RunyardException.badInput(source + ": \"" + key + "\" must not be negative, got " + v, "check the config");
        }
        return Optional.of(v);
    }

    public int intOr(String key, int fallback) {
        return optLong(key).map(Long::intValue).orElse(fallback);
    }

    /** The first present key among {@code keys} as an int, or {@code fallback}. */
    public int intOr(int fallback, String... keys) {
        for (String k : keys) {
            Optional<Long> v = optLong(k);
            if (v.isPresent()) {
                return v.get().intValue();
            }
        }
        return fallback;
    }

    public Optional<Double> optDouble(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isNumber()) {
            throw RunyardException.badInput(source + ": \"" + key + "\" must be a number, got " + n, "check the config");
        }
        return Optional.of(n.asDouble());
    }

    public boolean boolOr(String key, boolean fallback) {
        JsonNode n = root.get(key);
        return n == null || n.isNull() ? fallback : n.asBoolean(fallback);
    }

    /** A list of integers (e.g. {@code compress_ratios}, {@code mlp_only_layers}); empty when absent. */
    public List<Long> longList(String key) {
        JsonNode n = root.get(key);
        List<Long> out = new ArrayList<>();
        if (n == null || !n.isArray()) {
            return out;
        }
        for (JsonNode e : n) {
            if (!e.isNumber()) {
                throw RunyardException.badInput(source + ": \"" + key + "\" must list numbers", "check the config");
            }
            out.add(e.asLong());
        }
        return out;
    }

    /** A list of strings (e.g. {@code layer_types}); empty when absent. */
    public List<String> stringList(String key) {
        JsonNode n = root.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || !n.isArray()) {
            return out;
        }
        for (JsonNode e : n) {
            out.add(e.asText());
        }
        return out;
    }

    /** A list of booleans or 0/1 (e.g. {@code is_causal}, {@code no_rope_layers}); empty when absent. */
    public List<Boolean> boolList(String key) {
        JsonNode n = root.get(key);
        List<Boolean> out = new ArrayList<>();
        if (n == null || !n.isArray()) {
            return out;
        }
        for (JsonNode e : n) {
            out.add(e.isBoolean() ? e.asBoolean() : e.asInt() != 0);
        }
        return out;
    }
}
