package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.estimate.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which engine supports which architecture ({@code model_type}), since which release, with the source of each fact
 * ({@code catalog/engine_support.json}). A model's own catalog entry overrides the matrix; unknown stays unknown.
 */
public final class EngineMatrix {
    static final String RESOURCE = "catalog/engine_support.json";
    private static volatile EngineMatrix bundled;

    /** One engine for one architecture: {@code supported} null when no source settles it. */
    public record Support(String engine, Boolean supported, String since, String source, String note) {
    }

    private final Map<String, Map<String, Support>> byType;
    private final Map<String, String> launchNotes;

    EngineMatrix(Map<String, Map<String, Support>> byType, Map<String, String> launchNotes) {
        this.byType = byType;
        this.launchNotes = launchNotes;
    }

    public static EngineMatrix bundled() {
        if (bundled == null) {
            synchronized (EngineMatrix.class) {
                if (bundled == null) {
                    bundled = load();
                }
            }
        }
        return bundled;
    }

    static EngineMatrix load() {
        try (InputStream in = EngineMatrix.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new EngineMatrix(Map.of(), Map.of()); // no matrix shipped: every engine stays unknown
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static EngineMatrix parse(JsonNode root) {
        Map<String, Map<String, Support>> out = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        root.path("architectures").fields().forEachRemaining(arch -> {
            Map<String, Support> engines = new LinkedHashMap<>();
            arch.getValue().path("engines").fields().forEachRemaining(e -> {
                JsonNode s = e.getValue();
                String key = Engine.parse(e.getKey()).key();
                // A version or a yes/no without a source is not a fact: keep only what cites one.
                boolean sourced = s.hasNonNull("source") && !s.path("source").asText().isBlank();
                Boolean supported = sourced && s.path("supported").isBoolean() ? s.path("supported").asBoolean() : null;
                engines.put(key, new Support(key, supported, sourced ? text(s, "since") : null,
                        sourced ? s.path("source").asText() : null, text(s, "note")));
            });
            out.put(arch.getKey().toLowerCase(Locale.ROOT), engines);
            String launch = text(arch.getValue(), "launch_note");
            if (launch != null) {
                notes.put(arch.getKey().toLowerCase(Locale.ROOT), launch);
            }
        });
        return new EngineMatrix(out, notes);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) && !n.path(field).asText().isBlank() ? n.path(field).asText() : null;
    }

    /** Every engine for an architecture, in the order of {@link Engine}; unknown where the matrix has no row. */
    public List<Support> of(String modelType) {
        Map<String, Support> row = modelType == null ? Map.of() : byType.getOrDefault(
                modelType.toLowerCase(Locale.ROOT), Map.of());
        return java.util.Arrays.stream(Engine.values())
                .map(e -> row.getOrDefault(e.key(), new Support(e.key(), null, null, null, null))).toList();
    }

    public Optional<Boolean> supported(String modelType, Engine engine) {
        return of(modelType).stream().filter(s -> s.engine().equals(engine.key())).findFirst()
                .map(Support::supported);
    }

    public Optional<String> launchNote(String modelType) {
        return Optional.ofNullable(modelType == null ? null : launchNotes.get(modelType.toLowerCase(Locale.ROOT)));
    }
}
