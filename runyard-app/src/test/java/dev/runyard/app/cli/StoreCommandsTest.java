package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models, radar and the store's errors through the real command line, always with --db in a temp directory. */
class StoreCommandsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path tmp;

    String db() {
        return tmp.resolve("runyard.db").toString();
    }

    @Test
    void modelsJsonIsEveryModelOrderedById() throws Exception {
        CliRun r = CliRun.of("models", "--db", db(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.isArray()).isTrue();
        assertThat(j.size()).isGreaterThanOrEqualTo(300);
        String prev = "";
        for (JsonNode m : j) {
            for (String f : new String[] {"id", "name", "family", "params_total", "params_active", "context_length",
                    "license", "release_date", "source_url", "benchmarks", "variants", "engines"}) {
                assertThat(m.has(f)).as("%s has %s", m.path("id"), f).isTrue();
            }
            assertThat(m.get("id").asText()).isGreaterThan(prev);
            prev = m.get("id").asText();
        }
    }

    @Test
    void modelsFiltersByFamilyAndSearch() throws Exception {
        JsonNode fam = MAPPER.readTree(CliRun.of("models", "--db", db(), "--family", "qwen3", "--json").out());
        assertThat(fam.size()).isEqualTo(18);
        JsonNode hit = MAPPER.readTree(CliRun.of("models", "--db", db(), "--search", "llama-3.1-8b-instruct", "--json").out());
        assertThat(hit).anySatisfy(m -> {
            assertThat(m.get("id").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
            assertThat(m.get("params_total").asLong()).isBetween(8_000_000_000L, 8_100_000_000L);
            assertThat(m.get("source_url").asText()).isEqualTo("https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct");
        });
    }

    @Test
    void modelsTextFitsIn100Columns() {
        CliRun r = CliRun.of("models", "--db", db());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSizeGreaterThan(300).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
        assertThat(r.out()).startsWith("ID ");
    }

    @Test
    void radarSaysHowEachReleaseFitsTheGivenHardware() throws Exception {
        CliRun r = CliRun.of("radar", "--db", db(), "--since", "2025-01-01", "--gpu", "RTX 4090", "--ram", "64", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        int withVariant = 0;
        for (JsonNode m : MAPPER.readTree(r.out())) {
            JsonNode best = m.get("best_variant");
            if (m.get("fit").asText().equals("fits")) {
                assertThat(best.get("quant").asText()).isNotBlank();
                assertThat(best.get("command").asText()).isNotBlank();
                withVariant++;
            } else {
                assertThat(best.isNull()).isTrue();
            }
        }
        assertThat(withVariant).isGreaterThan(5);
    }

    @Test
    void radarListsNewestFirstWithFit() throws Exception {
        CliRun r = CliRun.of("radar", "--db", db(), "--since", "2025-01-01", "--gpu-memory-gib", "24", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = MAPPER.readTree(r.out());
        assertThat(j.size()).isGreaterThan(20);
        String prevMonth = "9999";
        int prevTier = 0;
        boolean fits = false;
        boolean doesNot = false;
        List<String> tiers = List.of("fits", "does_not_fit", "unknown");
        for (JsonNode m : j) {
            // newest month first; within a month what fits the memory, then what does not, then what cannot be sized
            String date = m.get("release_date").asText();
            String month = date.substring(0, 7);
            assertThat(date).isGreaterThanOrEqualTo("2025-01-01");
            assertThat(month).isLessThanOrEqualTo(prevMonth);
            int tier = tiers.indexOf(m.get("fit").asText());
            assertThat(tier).isGreaterThanOrEqualTo(month.equals(prevMonth) ? prevTier : 0);
            prevMonth = month;
            prevTier = tier;
            String fit = m.get("fit").asText();
            assertThat(fit).isIn("fits", "does_not_fit", "unknown");
            if (fit.equals("unknown")) {
                assertThat(m.get("total_bytes").isNull()).isTrue();
            } else {
                assertThat(m.get("total_bytes").asLong() <= 24L << 30).isEqualTo(fit.equals("fits"));
            }
            fits |= fit.equals("fits");
            doesNot |= fit.equals("does_not_fit");
        }
        assertThat(fits).isTrue();
        assertThat(doesNot).isTrue();
        assertThat(CliRun.of("radar", "--db", db(), "--since", "yesterday").exit()).isEqualTo(2);
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExit1() {
        CliRun r = CliRun.of("models", "--db", "postgresql://u:pw@127.0.0.1:1/x");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString().startsWith("runyard: cannot open database").doesNotContain(":pw");
    }

    @Test
    void anUnsupportedDatabaseUrlIsBadInput() {
        assertThat(CliRun.of("models", "--db", "mysql://h/d").exit()).isEqualTo(2);
    }

    @Test
    void radarWithoutSinceShowsTheNewestReleasesWhateverTheirAge() throws Exception {
        CliRun r = CliRun.of("radar", "--db", db(), "--gpu-memory-gib", "24", "--limit", "5", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(rows).hasSize(5);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i - 1).get("release_date").asText().substring(0, 7))
                    .isGreaterThanOrEqualTo(rows.get(i).get("release_date").asText().substring(0, 7));
        }
        assertThat(CliRun.of("radar", "--db", db(), "--gpu-memory-gib", "24", "--limit", "5").out())
                .contains("The 5 newest releases in the catalog");
    }

    @Test
    void radarMarksWhatIsNewSinceThePreviousRecordedRun() throws Exception {
        String[] args = {"radar", "--db", db(), "--gpu-memory-gib", "24", "--limit", "10"};
        CliRun first = CliRun.of(args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("First radar run on this store");
        JsonNode rows = MAPPER.readTree(CliRun.of(concat(args, "--json", "--no-record")).out());
        assertThat(rows).allSatisfy(r -> assertThat(r.get("new").asBoolean()).isFalse());
        // the store forgets when its radar first listed the top release: as if the catalog gained it since
        String gained = rows.get(0).get("id").asText();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db());
             java.sql.PreparedStatement st = c.prepareStatement("DELETE FROM radar_models WHERE model_id = ?")) {
            st.setString(1, gained);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
        // --no-record peeks: marked, and still marked on the next (recorded) run, which then remembers it
        JsonNode peek = MAPPER.readTree(CliRun.of(concat(args, "--json", "--no-record")).out());
        assertThat(peek).filteredOn(r -> r.get("new").asBoolean()).extracting(r -> r.get("id").asText())
                .containsExactly(gained);
        CliRun recorded = CliRun.of(args);
        assertThat(recorded.out()).contains("1 new since the previous radar run (").containsPattern("(?m)^new +\\d{4}-");
        assertThat(CliRun.of(args).out()).contains("0 new since the previous radar run").doesNotContainPattern("(?m)^new ");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
