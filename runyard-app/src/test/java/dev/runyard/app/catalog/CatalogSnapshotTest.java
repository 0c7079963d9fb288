package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.ParameterCounts;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The snapshot the build writes into the jar is the bundled catalog exactly: every model record equal to one built
 * from the JSON now, and every parameter count it remembers equal to counting again.
 */
class CatalogSnapshotTest {
    static byte[] shipped() throws Exception {
        try (InputStream in = CatalogSnapshot.class.getClassLoader().getResourceAsStream(CatalogSnapshot.RESOURCE)) {
            assertThat(in).as("the build (process-classes) writes " + CatalogSnapshot.RESOURCE).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedSnapshotIsTheCatalogBuiltFromItsJson() throws Exception {
        List<CatalogModel> built = CatalogModels.built();
        List<CatalogModel> read = CatalogSnapshot.parse(shipped()).orElseThrow();
        assertThat(read).hasSize(built.size()).hasSizeGreaterThanOrEqualTo(300);
        for (int i = 0; i < built.size(); i++) {
            assertThat(read.get(i)).as(built.get(i).id()).isEqualTo(built.get(i));
        }
    }

    @Test
    void theCountsItRemembersAreTheCountsOfItsArchitectures() throws Exception {
        List<CatalogModel> read = CatalogSnapshot.parse(shipped()).orElseThrow();
        List<CatalogModel> built = CatalogModels.built(); // new instances: counted afresh
        int counted = 0;
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i).arch() != null) {
                assertThat(ParameterCounts.total(read.get(i).arch())).as(read.get(i).id())
                        .isEqualTo(ParameterCounts.total(built.get(i).arch()));
                assertThat(ParameterCounts.active(read.get(i).arch())).as(read.get(i).id())
                        .isEqualTo(ParameterCounts.active(built.get(i).arch()));
                counted++;
            }
        }
        assertThat(counted).isGreaterThanOrEqualTo(300);
    }

    @Test
    void aSnapshotOfOtherDataIsNotUsed() throws Exception {
        byte[] b = shipped();
        byte[] other = b.clone();
        int keyStart = new String(b, 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("files ");
        other[keyStart + "files ".length()] ^= 1; // another file count: another catalog
        assertThat(CatalogSnapshot.parse(other)).isEmpty();
        assertThat(CatalogSnapshot.parse(java.util.Arrays.copyOf(b, b.length / 2))).isEmpty();
        assertThat(CatalogSnapshot.parse(new byte[0])).isEmpty();
    }

    @Test
    void bundledModelsAreTheSnapshotsWhenItMatches() throws Exception {
        assertThat(CatalogModels.bundled()).isEqualTo(CatalogSnapshot.parse(shipped()).orElseThrow());
    }
}
