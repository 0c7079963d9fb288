package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.entry.CatalogEntry;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shipped catalog entry is well formed, sourced, and its config reproduces its parameter count. */
class CatalogDataTest {
    static final List<CatalogEntry> ENTRIES = BundledCatalog.entries();

    @Test
    void hasAtLeast300ModelsWithUniqueIds() {
        assertThat(ENTRIES).hasSizeGreaterThanOrEqualTo(300);
        Set<String> ids = new HashSet<>();
        for (CatalogEntry e : ENTRIES) {
            assertThat(ids.add(e.id().toLowerCase(Locale.ROOT))).as("duplicate %s", e.id()).isTrue();
        }
    }

    @Test
    void everyEntryHasItsRequiredFieldsAndASource() {
        List<String> problems = new ArrayList<>();
        for (CatalogEntry e : ENTRIES) {
            // The typed entry already refuses a missing id or name, a wrong type and an unknown field.
            if (e.family() == null || e.family().isBlank() || e.org() == null || e.org().isBlank()) {
                problems.add(e.id() + ": missing family or org");
            }
            if (e.paramsSource() == null && e.sources().isEmpty()) {
                problems.add(e.id() + ": no source");
            }
            for (CatalogEntry.Benchmark b : e.benchmarks()) {
                if (b.source() == null) {
                    problems.add(e.id() + ": benchmark " + b.name() + " needs a source");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Issue 14: a release date, licence, context length or parameter count is either there or an explicit unknown that
     * names the places searched, so "nobody looked" and "no source says" stay distinguishable.
     */
    @Test
    void everyMissingCoreFactIsAnExplicitUnknownNamingWhereItWasSought() {
        List<String> silent = new ArrayList<>();
        for (CatalogEntry e : ENTRIES) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("release_date", e.releaseDate());
            facts.put("license", e.license());
            facts.put("context_length", e.contextLength());
            facts.put("params_total", e.paramsTotal());
            facts.forEach((field, value) -> {
                List<String> searched = e.unknown().get(field);
                if (value == null && (searched == null || searched.stream().allMatch(String::isBlank))) {
                    silent.add(e.id() + ": " + field);
                }
                if (value != null && searched != null) {
                    silent.add(e.id() + ": " + field + " is both known and listed as unknown");
                }
            });
        }
        assertThat(silent).isEmpty();
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
        for (CatalogEntry e : ENTRIES) {
            if (!e.paramsBasis().equals(CatalogEntry.BASIS_CONFIG) || e.paramsTotal() == null || !e.hasConfig()) {
                continue;
            }
            String id = e.id();
            try {
                ModelArchitecture a = ArchitectureReader.read(HfConfig.of(e.config(), id));
                long expected = e.paramsTotal();
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
        for (CatalogEntry e : ENTRIES) {
            if (e.hasConfig() && CatalogModels.of(e).arch() == null) {
                unreadable.add(e.id());
            }
        }
        assertThat(unreadable).as("entries whose config does not parse (move it to config_unplaced with a note)")
                .isEmpty();
    }
}
