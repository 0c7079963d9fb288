package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source of truth: the catalog read from the jar and the same catalog read back from a store give every model
 * the same ranking record and the same page facts (the store keeps each entry whole, read by the same mapper).
 */
class CatalogSourcesAgreeTest {
    @TempDir
    Path tmp;

    @Test
    void theStoreAndTheJarAgreeOnEveryModel() {
        BundledCatalogSource jar = new BundledCatalogSource();
        StoreCatalogSource store = new StoreCatalogSource(tmp.resolve("runyard.db").toString());
        assertThat(store.models()).hasSameSizeAs(jar.models()).hasSizeGreaterThanOrEqualTo(300);
        List<String> differ = new ArrayList<>();
        for (CatalogModel m : jar.models()) {
            CatalogModel s = store.find(m.id()).orElse(null);
            if (!m.equals(s)) {
                differ.add(m.id() + ": ranking record");
            }
            if (!jar.facts(m.id()).equals(store.facts(m.id()))) {
                differ.add(m.id() + ": facts");
            }
        }
        assertThat(differ).isEmpty();
    }
}
