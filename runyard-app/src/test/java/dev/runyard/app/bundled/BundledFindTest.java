package dev.runyard.app.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.entry.CatalogEntry;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding one model by reading only the files that name it gives what a search of every entry gives. */
class BundledFindTest {
    static Optional<CatalogEntry> everyEntry(String id) {
        String l = id.trim().toLowerCase(Locale.ROOT);
        return BundledCatalog.entries().stream().filter(e -> e.id().toLowerCase(Locale.ROOT).equals(l)).findFirst();
    }

    @Test
    void everyCatalogIdIsFoundInTheFilesThatNameIt() {
        int checked = 0;
        for (CatalogEntry e : BundledCatalog.entries()) {
            for (String asked : new String[] {e.id(), " " + e.id().toUpperCase(Locale.ROOT)}) {
                String l = asked.trim().toLowerCase(Locale.ROOT);
                assertThat(BundledCatalog.findInFilesNaming(l)).as(asked).isEqualTo(everyEntry(asked));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(600);
    }

    @Test
    void anIdNoFileNamesIsLeftToTheFullSearch() {
        assertThat(BundledCatalog.findInFilesNaming("nobody/no-such-model")).isEmpty();
        assertThat(BundledCatalog.findInFilesNaming("")).isEmpty();
        // a prefix of a real id is not that id
        assertThat(BundledCatalog.findInFilesNaming("qwen/qwen3")).isEqualTo(everyEntry("qwen/qwen3"));
    }

    @Test
    void asciiCaseIsIgnoredAndNothingElse() {
        byte[] hay = "{\"id\": \"Qwen/Qwen3-8B\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(BundledCatalog.containsIgnoringAsciiCase(hay, "\"qwen/qwen3-8b\"".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(BundledCatalog.containsIgnoringAsciiCase(hay, "\"qwen/qwen3-8\"".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(BundledCatalog.containsIgnoringAsciiCase(hay, "\"qwen/qwen3-8b\"x".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
