package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.core.catalog.ArtifactFile;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The artifact registry through the store: bundled listings survive the round trip; a synced one is never lost. */
class ArtifactListingStoreTest {
    static final String MODEL = "google/gemma-3-27b-it";
    static final String REPO = "mradermacher/gemma-3-27b-it-GGUF";

    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void bundledListingsReachThePlannerAndASyncedListingOutlivesANewerJar(TestDatabases db) {
        try (CatalogStore store = CatalogStore.open(db.newDb())) {
            var bundled = CatalogModels.fromStore(store).stream().filter(m -> m.id().equals(MODEL)).findFirst()
                    .orElseThrow().artifacts().stream().filter(a -> a.repo().equals(REPO)).findFirst().orElseThrow();
            assertThat(bundled.listed()).isTrue();
            assertThat(bundled.file("Q4_K_M")).hasValueSatisfying(f -> {
                assertThat(f.bytes()).as("16.5 GB as the page prints it").isEqualTo(16_500_000_000L);
                assertThat(f.exact()).isFalse();
            });

            Listing synced = new Listing(null, List.of(new ArtifactFile("Q4_K_M", "gemma-3-27b-it.Q4_K_M.gguf",
                    16_546_688_416L, true, 1)), "sync");
            store.inTransaction(w -> w.putVariant(MODEL, new Variant(REPO, "GGUF", List.of("Q4_K_M"),
                    "https://huggingface.co/" + REPO, Origin.SYNC, synced)));
            // A newer jar reloads the bundled data: its rounded listing must not replace what the sync read.
            ModelRecord again = store.model(MODEL).orElseThrow();
            ModelRecord reloaded = new ModelRecord(again.entry(), again.params(), again.sourceUrl(), Origin.BUNDLED,
                    again.updatedAt(), List.of(new Variant(REPO, "GGUF", List.of(), null, Origin.BUNDLED,
                    new Listing(null, List.of(new ArtifactFile("Q4_K_M", null, 16_500_000_000L, false, null)), "page"))));
            store.inTransaction(w -> w.upsert(reloaded));
            Variant v = store.model(MODEL).orElseThrow().variants().stream().filter(x -> x.repoId().equals(REPO))
                    .findFirst().orElseThrow();
            assertThat(v.origin()).isEqualTo(Origin.SYNC);
            assertThat(v.listing().files()).singleElement().satisfies(f -> {
                assertThat(f.bytes()).isEqualTo(16_546_688_416L);
                assertThat(f.exact()).isTrue();
            });
        }
    }
}
