package dev.runyard.app.entry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one mapper between catalog JSON and {@link CatalogEntry}: the bundled data files, the store's {@code entry}
 * column and the Hub sync's entries all go through here. Strict: an unknown key, a string where a number belongs, a
 * number where a string or boolean belongs, or a value a record refuses is an error naming the field.
 */
public final class CatalogJson {
    private static final ObjectMapper MAPPER = strict();

    private CatalogJson() {
    }

    private static ObjectMapper strict() {
        ObjectMapper m = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        // Never turn a number or a boolean into a string (Jackson would by default).
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** One entry from its JSON tree. */
    public static CatalogEntry entry(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, CatalogEntry.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new CatalogFormatException(describe(e), e);
        }
    }

    /** A bundled data file's shape: one field, {@code models}. */
    private record DataFile(List<CatalogEntry> models) {
    }

    /**
     * The entries of a data file ({@code {"models": [...]}}) straight from its bytes, without a tree in between; any
     * problem throws, and the caller reads the file as a tree to name the entry and field (see BundledCatalog).
     */
    public static List<CatalogEntry> file(byte[] json) throws java.io.IOException {
        DataFile f = MAPPER.readValue(json, DataFile.class);
        if (f.models() == null) {
            throw new java.io.IOException("no models");
        }
        return f.models();
    }

    /** One entry from its text (the store's column). */
    public static CatalogEntry entry(String json) {
        try {
            return MAPPER.readValue(json, CatalogEntry.class);
        } catch (JsonProcessingException e) {
            throw new CatalogFormatException(describe(e), e);
        }
    }

    /** The entry as text, nulls left out (what the store keeps). */
    public static String text(CatalogEntry e) {
        try {
            return MAPPER.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write catalog entry " + e.id(), ex);
        }
    }

    /** The entry as a JSON tree, nulls left out. */
    public static ObjectNode tree(CatalogEntry e) {
        return MAPPER.valueToTree(e);
    }

    /** Where the problem is ({@code models[3].release_date}) and what it is, in one line. */
    static String describe(Exception e) {
        String where = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            where = m.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "") + ": ";
        }
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getCause() instanceof IllegalArgumentException) {
            t = t.getCause();
        }
        String msg = t instanceof JsonProcessingException p ? p.getOriginalMessage() : t.getMessage();
        return where + (msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg));
    }
}
