package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.core.error.RunyardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rigs.json of earlier versions: imported into the store once, its leftover temporary files removed. */
class RigsFileTest {
    @TempDir
    Path dir;

    @Test
    void anExistingRigsFileIsImportedOnceAndItsTemporaryFilesRemoved() throws Exception {
        Path file = dir.resolve("rigs.json");
        Files.writeString(file, "[{\"name\":\"desk\",\"gpu\":\"RTX 4090\",\"ram_gb\":64.0},"
                + "{\"name\":\"laptop\",\"gpu\":null,\"ram_gb\":null}]");
        Files.writeString(dir.resolve("rigs123.tmp"), "[half a list");
        Files.writeString(dir.resolve("rigs456.tmp"), "");
        StoreRigStore store = new StoreRigStore(CatalogStore.open(dir.resolve("runyard.db").toString()));
        store.save(new Rig("Desk", "2x RTX 3090", 128.0)); // saved in the store before the import: it wins
        assertThat(store.importFile(file)).isEqualTo(1);
        assertThat(store.list()).containsExactly(new Rig("Desk", "2x RTX 3090", 128.0), new Rig("laptop", null, null));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        // Once: a rig deleted from the file, or added to it, changes nothing on the next start.
        Files.writeString(file, "[{\"name\":\"server\",\"gpu\":\"H100\",\"ram_gb\":512}]");
        StoreRigStore again = new StoreRigStore(CatalogStore.open(dir.resolve("runyard.db").toString()));
        assertThat(again.importFile(file)).isZero();
        assertThat(again.list()).extracting(Rig::name).containsExactly("Desk", "laptop");
        assertThat(again.importFile(dir.resolve("missing.json"))).isZero();
    }

    @Test
    void defaultPathFollowsXdgThenHome() {
        assertThat(RigsFile.defaultPath(Map.of("XDG_DATA_HOME", "/x")::get)).isEqualTo(Path.of("/x/runyard/rigs.json"));
        assertThat(RigsFile.defaultPath(Map.of("HOME", "/home/u")::get))
                .isEqualTo(Path.of("/home/u/.local/share/runyard/rigs.json"));
    }

    @Test
    void invalidRigsAndCorruptFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> new Rig(" ", null, null)).isInstanceOf(RunyardException.class);
        assertThatThrownBy(() -> new Rig("a", null, -1.0)).isInstanceOf(RunyardException.class);
        Path f = dir.resolve("rigs.json");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> RigsFile.read(f)).isInstanceOf(RunyardException.class).hasMessageContaining("unreadable");
    }
}
