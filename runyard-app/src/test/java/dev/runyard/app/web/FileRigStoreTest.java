package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.error.RunyardException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRigStoreTest {
    @TempDir
    Path dir;

    @Test
    void savesReplacesByNameAndLeavesNoTemporaryFiles() throws Exception {
        FileRigStore store = new FileRigStore(dir.resolve("sub/rigs.json"));
        assertThat(store.list()).isEmpty();
        store.save(new Rig("desk", "RTX 4090", 64.0));
        store.save(new Rig("laptop", "M3 Max 64GB", null));
        store.save(new Rig("Desk", "2x RTX 3090", 128.0));
        assertThat(new FileRigStore(dir.resolve("sub/rigs.json")).list())
                .containsExactly(new Rig("Desk", "2x RTX 3090", 128.0), new Rig("laptop", "M3 Max 64GB", null));
        try (var files = Files.list(dir.resolve("sub"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rigs.json");
        }
    }

    @Test
    void defaultPathFollowsXdgThenHome() {
        assertThat(FileRigStore.defaultPath(Map.of("XDG_DATA_HOME", "/x")::get)).isEqualTo(Path.of("/x/runyard/rigs.json"));
        assertThat(FileRigStore.defaultPath(Map.of("HOME", "/home/u")::get))
                .isEqualTo(Path.of("/home/u/.local/share/runyard/rigs.json"));
    }

    @Test
    void invalidRigsAndCorruptFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> new Rig(" ", null, null)).isInstanceOf(RunyardException.class);
        assertThatThrownBy(() -> new Rig("a", null, -1.0)).isInstanceOf(RunyardException.class);
        Path f = dir.resolve("rigs.json");
        Files.writeString(f, "{not json");
        assertThatThrownBy(() -> new FileRigStore(f).list()).isInstanceOf(RunyardException.class)
                .hasMessageContaining("unreadable");
    }
}
