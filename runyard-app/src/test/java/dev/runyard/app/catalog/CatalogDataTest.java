package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shipped catalog entry is well formed, sourced, and its config reproduces its parameter count. */
class CatalogDataTest {
    static final List<JsonNode> ENTRIES = BundledCatalog.entries();

    @Test
    void hasAtLeast300ModelsWithUniqueIds() {
        assertThat(ENTRIES).hasSizeGreaterThanOrEqualTo(300);
        Set<String> ids = new HashSet<>();
        for (JsonNode e : ENTRIES) {
            assertThat(ids.add(e.path("id").asText().toLowerCase(Locale.ROOT))).as("duplicate %s", e.path("id")).isTrue();
        }
    }

    @Test
    void everyEntryHasItsRequiredFieldsAndASource() {
        List<String> problems = new ArrayList<>();
        for (JsonNode e : ENTRIES) {
            String id = e.path("id").asText();
            for (String f : List.of("id", "name", "family", "org")) {
                if (!e.path(f).isTextual() || e.path(f).asText().isBlank()) {
                    problems.add(id + ": missing " + f);
                }
            }
            if (!e.path("open_weights").isBoolean()) {
                problems.add(id + ": open_weights must be true or false");
            }
            boolean sourced = e.path("params_source").isTextual() || (e.path("sources").isArray() && !e.path("sources").isEmpty());
            if (!sourced) {
                problems.add(id + ": no source");
            }
            for (JsonNode b : e.path("benchmarks")) {
                if (!b.path("score").isNumber() || !b.path("source").isTextual()) {
                    problems.add(id + ": benchmark " + b.path("name").asText() + " needs a numeric score and a source");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Exact published counts (the checkpoint's total) must be reproduced within 0.5%. Rounded headlines ("32.5B",
     * "1T": multiples of 10^7) are names, not counts, and are only listed.
     */
    @Test
    void configsReproduceTheirParameterCountWithinHalfAPercent() {
        List<String> problems = new ArrayList<>();
        List<String> headlines = new ArrayList<>();
        int checked = 0;
        for (JsonNode e : ENTRIES) {
            if (!e.path("params_basis").asText().equals("config") || !e.path("params_total").isNumber()
                    || e.path("config").isEmpty()) {
                continue;
            }
            String id = e.path("id").asText();
            try {
                ModelArchitecture a = ArchitectureReader.read(HfConfig.of(e.get("config"), id));
                long expected = e.get("params_total").asLong();
                long text = ParameterCounts.total(a);
                long withMtp = InventoryBuilder.checkpoint(a).parameterCount();
                double best = Double.MAX_VALUE;
                for (long c : new long[] {text, withMtp, text + a.visionParams(), withMtp + a.visionParams()}) {
                    best = Math.min(best, Math.abs(c - expected) / (double) expected);
                }
                if (expected % 10_000_000L == 0) {
                    headlines.add(String.format(Locale.ROOT, "%s: %,d vs headline %,d", id, text, expected));
                    continue;
                }
                checked++;
                if (best > 0.005) {
                    problems.add(String.format(Locale.ROOT, "%s (%s): %,d vs %,d (%.2f%%)", id, a.modelType(), text,
                            expected, 100.0 * (text - expected) / expected));
                }
            } catch (RuntimeException ex) {
                problems.add(id + ": " + ex.getMessage());
            }
        }
        problems.forEach(System.out::println);
        System.out.println("exact counts checked " + checked + ", rounded headlines " + headlines.size());
        assertThat(problems).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(200);
    }

    /** A config in the data must describe a model the planner can place: one that cannot fails here, not silently. */
    @Test
    void everyConfigInTheDataParsesIntoAnArchitecture() {
        List<String> unreadable = new ArrayList<>();
        for (JsonNode e : ENTRIES) {
            JsonNode c = e.get("config");
            if (c != null && c.isObject() && !c.isEmpty() && CatalogModels.of(e).arch() == null) {
                unreadable.add(e.path("id").asText());
            }
        }
        assertThat(unreadable).as("entries whose config does not parse (move it to config_unplaced with a note)")
                .isEmpty();
    }
}
