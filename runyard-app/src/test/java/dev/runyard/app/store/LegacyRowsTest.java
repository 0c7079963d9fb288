package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.entry.CatalogEntry;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A store written before migration V6 (a model in columns) is read as entries after the upgrade, on both databases. */
class LegacyRowsTest {
    static java.util.stream.Stream<TestDatabases> dbs() {
        return TestDatabases.all();
    }

    @ParameterizedTest
    @MethodSource("dbs")
    void aSyncedRowFromBeforeV6BecomesItsEntry(TestDatabases db) {
        String spec = db.newDb();
        DbSpec s = DbSpec.resolve(spec);
        var ds = CatalogStore.dataSource(s);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("5").load().migrate();
        Jdbi.create(ds).useHandle(h -> h.execute("INSERT INTO models (id, name, family, org, base_model, distilled_from, "
                + "release_date, license, open_weights, modalities, context_length, params_total, params_active, "
                + "params_published, params_basis, config, source_url, notes, origin, updated_at, facts) VALUES "
                + "('acme/Old-7B', 'Old-7B', 'llama', 'acme', 'acme/Old-7B-Base', NULL, '2025-02-03', 'mit', TRUE, "
                + "'[\"text\",\"image\"]', 8192, 7000000000, 7000000000, 7100000000, 'published', NULL, "
                + "'https://huggingface.co/acme/Old-7B', 'synced from the Hub', 'sync', '2025-02-04T00:00:00Z', "
                + "'{\"kind\":\"coder\",\"unknown\":{\"license\":[\"card\"]}}')"));
        try (CatalogStore store = CatalogStore.open(spec)) {
            ModelRecord m = store.model("acme/old-7b").orElseThrow();
            CatalogEntry e = m.entry();
            assertThat(e.id()).isEqualTo("acme/Old-7B");
            assertThat(e.baseModel()).isEqualTo("acme/Old-7B-Base");
            assertThat(e.releaseDate()).isEqualTo("2025-02-03");
            assertThat(e.license()).isEqualTo("mit");
            assertThat(e.modalities()).containsExactly("text", "image");
            assertThat(e.contextLength()).isEqualTo(8192L);
            assertThat(e.paramsTotal()).isEqualTo(7_100_000_000L);
            assertThat(e.kind()).isEqualTo("coder");
            assertThat(e.unknown()).containsKey("license");
            assertThat(e.sources()).containsExactly("https://huggingface.co/acme/Old-7B");
            assertThat(m.origin()).isEqualTo(Origin.SYNC);
            assertThat(m.updatedAt()).isEqualTo("2025-02-04T00:00:00Z");
            assertThat(store.hasLegacyRows()).isFalse();
        }
    }
}
