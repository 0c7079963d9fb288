package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.catalog.CatalogModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that holds only the jar's data answers with the bundled catalog; anything a sync wrote sends it to the store. */
class StoreProbeTest {
    @TempDir
    Path dir;

    @Test
    void aFreshStoreHoldsExactlyTheBundledCatalog() {
        DbSpec spec = DbSpec.resolve(dir.resolve("fresh.db").toString());
        try (CatalogStore s = CatalogStore.open(spec)) {
            assertThat(StoreProbe.holdsOnlyBundled(spec)).isTrue();
            // What the probe lets a command skip: the store's records are the bundled ones, field for field.
            assertThat(CatalogModels.fromStore(s)).isEqualTo(CatalogModels.bundled());
        }
    }

    @Test
    void aSyncedModelOrRepositoryOrAnotherDataVersionSendsTheCommandToTheStore() {
        DbSpec model = DbSpec.resolve(dir.resolve("model.db").toString());
        try (CatalogStore s = CatalogStore.open(model)) {
            s.upsert(CatalogStoreTest.synced("acme/Brand-New-7B"));
        }
        assertThat(StoreProbe.holdsOnlyBundled(model)).isFalse();

        DbSpec repo = DbSpec.resolve(dir.resolve("repo.db").toString());
        try (CatalogStore s = CatalogStore.open(repo)) {
            s.inTransaction(w -> w.putVariant("Qwen/Qwen3-8B",
                    new Variant("someone/Qwen3-8B-GGUF", "GGUF", List.of("Q4_K_M"), null, Origin.SYNC)));
        }
        assertThat(StoreProbe.holdsOnlyBundled(repo)).isFalse();

        DbSpec older = DbSpec.resolve(dir.resolve("older.db").toString());
        try (CatalogStore s = CatalogStore.open(older)) {
            s.inTransaction(w -> w.putMeta(BundledLoader.META_KEY, "an older jar"));
        }
        assertThat(StoreProbe.holdsOnlyBundled(older)).isFalse();
        try (CatalogStore s = CatalogStore.open(older)) {
            assertThat(s.meta(BundledLoader.META_KEY)).contains(BundledLoader.bundledVersion()); // reloaded on open
        }
        assertThat(StoreProbe.holdsOnlyBundled(older)).isTrue();
    }

    @Test
    void anythingElseIsNotVouchedFor() throws IOException {
        assertThat(StoreProbe.holdsOnlyBundled(DbSpec.resolve(dir.resolve("absent.db").toString()))).isFalse();
        Path junk = Files.writeString(dir.resolve("junk.db"), "not a database");
        assertThat(StoreProbe.holdsOnlyBundled(DbSpec.resolve(junk.toString()))).isFalse();
        assertThat(StoreProbe.holdsOnlyBundled(DbSpec.resolve("postgresql://localhost:1/none"))).isFalse();
        assertThat(Files.readString(junk)).isEqualTo("not a database");
    }
}
