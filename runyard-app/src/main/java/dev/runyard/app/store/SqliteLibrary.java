package dev.runyard.app.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc copies its native library out of the jar into the temporary directory on every start (and scans that
 * directory for stale copies), which is a tenth of a second of each cold command that opens a store, and litters
 * /tmp with a file per killed process. Runyard keeps one copy per sqlite-jdbc version in its data directory and
 * points the driver at it. Any problem leaves the driver to its own way.
 */
final class SqliteLibrary {
    private static boolean prepared;

    private SqliteLibrary() {
    }

    static synchronized void prepare() {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        prepared = true;
        try {
            Path store = DbSpec.resolve(null).file();
            if (store == null) {
                return;
            }
            String name = LibraryLoaderUtil.getNativeLibName();
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
            Path dir = store.resolveSibling("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-"
                    + resource.replaceAll("[^A-Za-z0-9_.-]+", "_"));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                Files.createDirectories(dir);
                Path part = Files.createTempFile(dir, name, ".part");
                try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        Files.deleteIfExists(part);
                        return;
                    }
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                // Atomic: a concurrent start sees the whole library or none.
                Files.move(part, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("org.sqlite.tmpdir", dir.toString());
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            // the driver extracts its own copy, as it always did
        }
    }
}
