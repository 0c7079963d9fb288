package dev.runyard.app.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The build's check of the bundled catalog: every entry of every data file matches
 * {@code docs/schema/catalog-entry.schema.json} (networknt, draft 2020-12) and reads into {@link CatalogEntry} through
 * {@link CatalogJson}, losing nothing. A malformed entry fails here, so it fails {@code ./mvnw verify}; the tests
 * below feed broken entries to the same checks to show they catch them.
 */
class CatalogSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ID = "https://runyard.invalid/schema/catalog-entry.schema.json";
    static JsonNode schemaTree;
    static Schema schema;

    @BeforeAll
    static void load() throws IOException {
        String root = System.getProperty("runyard.repo.root");
        Path base = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        if (!Files.isDirectory(base.resolve("docs/schema"))) {
            base = Path.of("..");
        }
        String text = Files.readString(base.resolve("docs/schema/catalog-entry.schema.json"));
        schemaTree = JSON.readTree(text);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(Map.of(ID, text)).schemaLoader(l -> l.fetchRemoteResources(false)));
        schema = registry.getSchema(SchemaLocation.of(ID));
    }

    /** The problems of one data file: each entry against the schema, then the typed read of the whole file. */
    static List<String> problems(String file, JsonNode root) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode m : root.path("models")) {
            String where = file + ": models[" + i++ + "] (" + m.path("id").asText("?") + ")";
            for (Error e : schema.validate(m.toString(), InputFormat.JSON)) {
                out.add(where + ": " + e.getInstanceLocation() + " " + e.getMessage());
            }
        }
        try {
            BundledCatalog.parse(file, root);
        } catch (RunyardException e) {
            out.add(e.getMessage());
        }
        return out;
    }

    @Test
    void everyBundledEntryMatchesTheSchemaAndTheRecord() {
        List<String> problems = new ArrayList<>();
        int entries = 0;
        for (Map.Entry<String, JsonNode> f : BundledCatalog.files().entrySet()) {
            problems.addAll(problems(f.getKey(), f.getValue()));
            entries += f.getValue().path("models").size();
        }
        assertThat(BundledCatalog.files()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(entries).isGreaterThanOrEqualTo(300).isEqualTo(BundledCatalog.entries().size());
        assertThat(problems).isEmpty();
    }

    /**
     * The typed record holds every field of every entry: written back, it is the file's entry (nulls and empty lists
     * left out on both sides; 80 and 80.0 are the same score).
     */
    @Test
    void everyBundledEntryRoundTripsThroughTheRecordWithoutLoss() {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : BundledCatalog.files().entrySet()) {
            for (JsonNode m : f.getValue().path("models")) {
                CatalogEntry e = CatalogJson.entry(m);
                JsonNode expected = withoutNulls(m);
                if (!withoutNulls(CatalogJson.tree(e)).equals(SAME_NUMBER, expected)) {
                    lost.add(f.getKey() + ": " + e.id());
                }
                assertThat(CatalogJson.entry(CatalogJson.text(e))).isEqualTo(e);
            }
        }
        assertThat(lost).isEmpty();
    }

    /** The entries typed straight from the files' bytes (how a cold start reads them) are the tree-typed ones. */
    @Test
    void entriesTypedFromBytesAreTheTreeTypedOnes() {
        List<CatalogEntry> fromTrees = new ArrayList<>();
        for (Map.Entry<String, JsonNode> f : BundledCatalog.files().entrySet()) {
            fromTrees.addAll(BundledCatalog.parse(f.getKey(), f.getValue()));
        }
        fromTrees.sort(java.util.Comparator.comparing(CatalogEntry::id));
        assertThat(BundledCatalog.entries()).isEqualTo(fromTrees);
    }

    /** The schema and the record name the same fields, so a new field cannot be added to one only. */
    @Test
    void theSchemaAndTheRecordNameTheSameFields() {
        assertThat(fields(schemaTree)).isEqualTo(components(CatalogEntry.class));
        JsonNode defs = schemaTree.get("$defs");
        assertThat(fields(defs.get("benchmark"))).isEqualTo(components(CatalogEntry.Benchmark.class));
        assertThat(fields(defs.get("repo"))).isEqualTo(components(CatalogEntry.Repo.class));
        assertThat(fields(defs.get("repo_file"))).isEqualTo(components(CatalogEntry.RepoFile.class));
        assertThat(fields(defs.get("engine"))).isEqualTo(components(CatalogEntry.Engine.class));
        assertThat(fields(defs.get("edge"))).isEqualTo(components(CatalogEntry.Edge.class));
        assertThat(fields(defs.get("fact_source"))).isEqualTo(components(CatalogEntry.FactSource.class));
    }

    @Test
    void aMalformedEntryFailsBothChecksNamingFileEntryAndField() {
        ObjectNode root = BundledCatalog.files().get("qwen.json").deepCopy();
        ObjectNode first = (ObjectNode) root.get("models").get(0);
        String id = first.get("id").asText();
        first.put("release_date", "March 2025");
        List<String> problems = problems("qwen.json", root);
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("qwen.json: models[0] (" + id + ")")
                .contains("/release_date"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("catalog data file is malformed: qwen.json: models[0] ("
                + id + "): release_date"));
    }

    /** Each way an entry can be broken is caught by the schema and by the typed read alike. */
    @Test
    void eachKindOfBreakageIsCaught() throws IOException {
        JsonNode good = BundledCatalog.files().get("qwen.json").get("models").get(0);
        Map<String, String> breakages = Map.of(
                "context_length", "-1",
                "params_total", "\"8B\"",
                "open_weights", "\"yes\"",
                "name", "\"\"",
                "params_basis", "\"guessed\"",
                "config", "\"see the model card\"",
                "benchmarks", "[{\"name\": \"MMLU\", \"score\": \"high\"}]",
                "relase_date", "\"2025-01-01\"",
                "kind", "\"chatbot\"",
                "lineage", "[{\"relation\": \"base_model\"}]");
        for (Map.Entry<String, String> b : breakages.entrySet()) {
            ObjectNode bad = good.deepCopy();
            bad.set(b.getKey(), JSON.readTree(b.getValue()));
            assertThat(schema.validate(bad.toString(), InputFormat.JSON)).as("schema: %s", b).isNotEmpty();
            assertThatThrownBy(() -> CatalogJson.entry(bad)).as("record: %s", b)
                    .isInstanceOf(CatalogFormatException.class).hasMessageContaining(b.getKey().equals("benchmarks")
                            ? "score" : b.getKey().equals("lineage") ? "parent" : b.getKey());
        }
        ObjectNode missing = good.deepCopy();
        missing.remove("id");
        assertThat(schema.validate(missing.toString(), InputFormat.JSON)).isNotEmpty();
        assertThatThrownBy(() -> CatalogJson.entry(missing)).isInstanceOf(CatalogFormatException.class)
                .hasMessageContaining("id");
        ObjectNode file = JSON.createObjectNode();
        file.putArray("models").add(good);
        file.put("version", 2);
        assertThatThrownBy(() -> BundledCatalog.parse("x.json", file)).isInstanceOf(RunyardException.class)
                .hasMessageContaining("x.json");
    }

    /** Numbers compare by value (a score of 80 written back as 80.0 is the same score). */
    private static final java.util.Comparator<JsonNode> SAME_NUMBER = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static JsonNode withoutNulls(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            n.fields().forEachRemaining(f -> {
                boolean empty = (f.getValue().isArray() || f.getValue().isObject()) && f.getValue().isEmpty()
                        && !f.getKey().startsWith("config");
                if (!f.getValue().isNull() && !empty) {
                    o.set(f.getKey(), f.getKey().startsWith("config") ? f.getValue() : withoutNulls(f.getValue()));
                }
            });
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = JSON.createArrayNode();
            n.forEach(x -> a.add(withoutNulls(x)));
            return a;
        }
        return n;
    }

    private static Set<String> fields(JsonNode s) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = s.get("properties").fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    private static Set<String> components(Class<?> record) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(record.getRecordComponents()).map(c -> PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE
                .translate(c.getName())).forEach(out::add);
        return out;
    }
}
