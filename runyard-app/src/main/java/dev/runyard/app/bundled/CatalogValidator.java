package dev.runyard.app.bundled;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON-schema-like check of one catalog data file: every field of every entry has the declared type. Used by
 * the store's loader (which refuses a malformed file) and by the data tests. Problems name the file, the entry and
 * the field, e.g. {@code qwen.json: models[3] (Qwen/Qwen3-8B): field "open_weights" must be a boolean}.
 */
public final class CatalogValidator {
    /** The type a field may have; the *_OR_NULL kinds also accept null or an absent field. */
    enum Type {
        TEXT("a non-empty string"), TEXT_OR_NULL("a string or null"), BOOLEAN("a boolean"),
        BOOLEAN_OR_NULL("a boolean or null"), NUMBER("a number"), COUNT_OR_NULL("a positive integer or null"),
        DATE_OR_NULL("a date YYYY-MM-DD or null"), OBJECT_OR_NULL("an object or null"),
        TEXTS("an array of strings"), TEXTS_OR_NULL("an array of strings or null"), ARRAY("an array"),
        BASIS("\"config\" or \"published\"");

        final String what;

        Type(String what) {
            this.what = what;
        }
    }

    static final Map<String, Type> MODEL = schema("id", Type.TEXT, "name", Type.TEXT, "family", Type.TEXT,
            "org", Type.TEXT, "base_model", Type.TEXT_OR_NULL, "distilled_from", Type.TEXT_OR_NULL,
            "release_date", Type.DATE_OR_NULL, "license", Type.TEXT_OR_NULL, "open_weights", Type.BOOLEAN,
            "modalities", Type.TEXTS_OR_NULL, "context_length", Type.COUNT_OR_NULL, "params_total", Type.COUNT_OR_NULL,
            "params_active", Type.COUNT_OR_NULL, "params_source", Type.TEXT_OR_NULL, "params_basis", Type.BASIS,
            "config", Type.OBJECT_OR_NULL, "config_source", Type.TEXT_OR_NULL, "benchmarks", Type.ARRAY,
            "quantized_repos", Type.ARRAY, "engines", Type.ARRAY, "sources", Type.TEXTS, "notes", Type.TEXT_OR_NULL);
    static final Map<String, Type> BENCHMARK = schema("name", Type.TEXT, "score", Type.NUMBER,
            "setting", Type.TEXT_OR_NULL, "source", Type.TEXT);
    static final Map<String, Type> QUANTIZED = schema("id", Type.TEXT, "format", Type.TEXT, "quants", Type.TEXTS,
            "source", Type.TEXT_OR_NULL);
    static final Map<String, Type> ENGINE = schema("engine", Type.TEXT, "supported", Type.BOOLEAN_OR_NULL,
            "since", Type.TEXT_OR_NULL, "note", Type.TEXT_OR_NULL, "source", Type.TEXT_OR_NULL);

    private CatalogValidator() {
    }

    /** Every problem in one data file; empty when it is well formed. */
    public static List<String> validate(String file, JsonNode root) {
        List<String> problems = new ArrayList<>();
        if (root == null || !root.path("models").isArray()) {
            problems.add(file + ": field \"models\" must be an array");
            return problems;
        }
        int i = 0;
        for (JsonNode m : root.get("models")) {
            String where = file + ": models[" + i++ + "]" + (m.path("id").isTextual() ? " (" + m.get("id").asText() + ")" : "");
            if (!m.isObject()) {
                problems.add(where + " must be an object");
                continue;
            }
            check(where, m, MODEL, problems);
            items(where, m, "benchmarks", BENCHMARK, problems);
            items(where, m, "quantized_repos", QUANTIZED, problems);
            items(where, m, "engines", ENGINE, problems);
        }
        return problems;
    }

    private static void items(String where, JsonNode m, String field, Map<String, Type> schema, List<String> problems) {
        int i = 0;
        for (JsonNode item : m.path(field)) {
            check(where + " " + field + "[" + i++ + "]", item, schema, problems);
        }
    }

    private static void check(String where, JsonNode node, Map<String, Type> schema, List<String> problems) {
        for (Map.Entry<String, Type> f : schema.entrySet()) {
            if (!ok(node.get(f.getKey()), f.getValue())) {
                problems.add(where + ": field \"" + f.getKey() + "\" must be " + f.getValue().what);
            }
        }
    }

    static boolean ok(JsonNode v, Type t) {
        boolean nul = v == null || v.isNull();
        return switch (t) {
            case TEXT -> !nul && v.isTextual() && !v.asText().isBlank();
            case TEXT_OR_NULL -> nul || v.isTextual();
            case BOOLEAN -> !nul && v.isBoolean();
            case BOOLEAN_OR_NULL -> nul || v.isBoolean();
            case NUMBER -> !nul && v.isNumber();
            case COUNT_OR_NULL -> nul || (v.isIntegralNumber() && v.asLong() > 0);
            case DATE_OR_NULL -> nul || (v.isTextual() && v.asText().matches("\\d{4}-\\d{2}-\\d{2}"));
            case OBJECT_OR_NULL -> nul || v.isObject();
            case TEXTS -> !nul && texts(v);
            case TEXTS_OR_NULL -> nul || texts(v);
            case ARRAY -> !nul && v.isArray();
            case BASIS -> !nul && (v.asText().equals("config") || v.asText().equals("published"));
        };
    }

    private static boolean texts(JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Type> schema(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return m;
    }
}
