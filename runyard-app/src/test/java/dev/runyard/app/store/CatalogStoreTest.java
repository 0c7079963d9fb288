package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.entry.CatalogJson;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store on SQLite and on a real PostgreSQL: the same tests, no mocks. */
class CatalogStoreTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void migratesAndLoadsEveryBundledModelOnce(TestDatabases db) {
        String spec = db.newDb();
        try (CatalogStore s = CatalogStore.open(spec)) {
            assertThat(s.count()).isGreaterThanOrEqualTo(300).isEqualTo(BundledCatalog.entries().size());
            assertThat(s.meta(BundledLoader.META_KEY)).isPresent();
            // Opening again finds the same data version and writes nothing.
            assertThat(BundledLoader.load(s, BundledCatalog::files, BundledLoader.bundledVersion())).isFalse();
        }
        try (CatalogStore again = CatalogStore.open(spec)) {
            assertThat(again.count()).isEqualTo(BundledCatalog.entries().size());
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void parameterCountsComeFromTheConfigOrThePublishedFigure(TestDatabases db) {
        try (CatalogStore s = CatalogStore.open(db.newDb())) {
            ModelRecord llama = s.model("meta-llama/llama-3.1-8b-instruct").orElseThrow();
            assertThat(llama.id()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
            ModelArchitecture a = ArchitectureReader.read(HfConfig.of(llama.config(), llama.id()));
            assertThat(llama.paramsBasis()).isEqualTo("config");
            assertThat(llama.paramsTotal()).isEqualTo(ParameterCounts.total(a));
            assertThat(llama.paramsActive()).isEqualTo(ParameterCounts.active(a));
            assertThat(llama.paramsPublished()).isBetween(8_000_000_000L, 8_100_000_000L);
            assertThat(llama.benchmarks()).isNotEmpty();
            assertThat(llama.engines()).isNotEmpty();

            ModelRecord ernie = s.model("baidu/ERNIE-4.5-21B-A3B-PT").orElseThrow();
            assertThat(ernie.paramsBasis()).isEqualTo("published");
            assertThat(ernie.paramsTotal()).isEqualTo(21_000_000_000L);
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void filtersByFamilyAndSearchesIdAndName(TestDatabases db) {
        try (CatalogStore s = CatalogStore.open(db.newDb())) {
            List<ModelRecord> qwen3 = s.models(new ModelFilter("QWEN3", null));
            assertThat(qwen3).hasSize(18).allSatisfy(m -> assertThat(m.family()).isEqualTo("qwen3"));
            assertThat(qwen3).extracting(ModelRecord::id).isSorted();
            List<ModelRecord> hits = s.models(new ModelFilter(null, "LLAMA-3.1-8b"));
            assertThat(hits).extracting(ModelRecord::id).contains("meta-llama/Llama-3.1-8B",
                    "meta-llama/Llama-3.1-8B-Instruct");
            assertThat(s.models(new ModelFilter(null, "%"))).isEmpty();
            // LIKE wildcards are literal: "_" matches only ids that contain an underscore.
            assertThat(s.models(new ModelFilter(null, "_"))).isNotEmpty()
                    .allSatisfy(m -> assertThat(m.id() + m.name()).contains("_"));
            List<ModelRecord> all = s.models(ModelFilter.ALL);
            assertThat(all).extracting(ModelRecord::id).isSorted();
            assertThat(all.stream().mapToInt(m -> m.variants().size()).sum()).isGreaterThanOrEqualTo(300);
            assertThat(s.model("no/such-model")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aNewerJarRefreshesBundledRowsAndKeepsSyncedOnes(TestDatabases db) throws Exception {
        try (CatalogStore s = CatalogStore.open(db.newDb())) {
            ModelRecord base = s.model("Qwen/Qwen3-8B").orElseThrow();
            s.inTransaction(w -> {
                w.upsert(synced("acme/Brand-New-7B"));
                w.putVariant(base.id(), new Variant("someone/Qwen3-8B-GGUF", "GGUF", List.of("Q4_K_M"), null, Origin.SYNC));
            });
            // A "newer jar": one entry renamed, one model dropped.
            Map<String, JsonNode> files = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : BundledCatalog.files().entrySet()) {
                files.put(f.getKey(), f.getValue().deepCopy());
            }
            ArrayNode qwen = (ArrayNode) files.get("qwen.json").get("models");
            String dropped = qwen.get(0).get("id").asText();
            qwen.remove(0);
            for (JsonNode m : qwen) {
                if (m.get("id").asText().equals("Qwen/Qwen3-8B")) {
                    ((ObjectNode) m).put("name", "Qwen3 8B (renamed)");
                }
            }
            assertThat(BundledLoader.load(s, files)).isTrue();
            assertThat(s.model(dropped)).isEmpty();
            ModelRecord refreshed = s.model("Qwen/Qwen3-8B").orElseThrow();
            assertThat(refreshed.name()).isEqualTo("Qwen3 8B (renamed)");
            assertThat(refreshed.variants()).extracting(Variant::repoId).contains("someone/Qwen3-8B-GGUF");
            assertThat(refreshed.variants().size()).isEqualTo(base.variants().size() + 1);
            assertThat(s.model("acme/Brand-New-7B")).get().extracting(ModelRecord::origin).isEqualTo(Origin.SYNC);
        }
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aFailedTransactionWritesNothing(TestDatabases db) {
        try (CatalogStore s = CatalogStore.open(db.newDb())) {
            long before = s.count();
            assertThatThrownBy(() -> s.inTransaction(w -> {
                w.upsert(synced("acme/Half-Written-1B"));
                w.putSyncState("cursor", "2030-01-01T00:00:00Z");
                throw new IllegalStateException("crash");
            })).hasMessage("crash");
            assertThat(s.model("acme/Half-Written-1B")).isEmpty();
            assertThat(s.syncState("cursor")).isEmpty();
            assertThat(s.count()).isEqualTo(before);
            s.upsert(synced("acme/Half-Written-1B"));
            s.upsert(synced("acme/Half-Written-1B"));
            assertThat(s.count()).isEqualTo(before + 1);
        }
    }

    @org.junit.jupiter.api.Test
    void anUnreachableDatabaseIsOneRuntimeError() {
        assertThatThrownBy(() -> CatalogStore.open("postgresql://u:secret@127.0.0.1:1/nowhere"))
                .isInstanceOfSatisfying(RunyardException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RunyardException.Kind.RUNTIME);
                    assertThat(e.getMessage()).startsWith("cannot open database postgresql://u@127.0.0.1:1/nowhere")
                            .doesNotContain("secret").doesNotContain("\n");
                });
    }

    @org.junit.jupiter.api.Test
    void aMalformedDataFileNamesTheFileAndTheField() throws Exception {
        JsonNode bad = MAPPER.readTree("{\"models\":[{\"id\":\"x/y\",\"name\":\"Y\",\"family\":\"y\",\"org\":\"x\","
                + "\"open_weights\":\"yes\",\"params_basis\":\"config\",\"benchmarks\":[],\"quantized_repos\":[],"
                + "\"engines\":[],\"sources\":[]}]}");
        assertThatThrownBy(() -> BundledLoader.records(Map.of("broken.json", bad)))
                .isInstanceOf(RunyardException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("x/y").hasMessageContaining("open_weights");
    }

    static ModelRecord synced(String id) {
        return ModelRecord.of(CatalogJson.entry("{\"id\":\"" + id + "\",\"name\":\"" + id.substring(id.indexOf('/') + 1)
                + "\",\"family\":\"acme\",\"org\":\"acme\",\"release_date\":\"2030-01-01\",\"license\":\"apache-2.0\","
                + "\"open_weights\":true,\"modalities\":[\"text\"],\"context_length\":4096,\"params_total\":7000000000,"
                + "\"params_active\":7000000000,\"params_basis\":\"published\"}"), Origin.SYNC);
    }
}
