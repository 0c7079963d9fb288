package dev.runyard.app.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The rigs file earlier versions saved to ({@code $XDG_DATA_HOME/runyard/rigs.json}, or {@code serve --rigs FILE}),
 * now only read, to import its rigs into the store once ({@link StoreRigStore#importFile}). Rigs are no longer
 * written here: two servers sharing the file lost saves, and a kill during a save left {@code rigs*.tmp} files.
 */
public final class RigsFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The old file held at most 200 rigs; a few KB each at most. */
    private static final long MAX_BYTES = 4L << 20;

    private RigsFile() {
    }

    /** The default location, from {@code env} (XDG_DATA_HOME, HOME). */
    public static Path defaultPath(Function<String, String> env) {
        String xdg = env.apply("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.apply("HOME") == null ? System.getProperty("user.home") : env.apply("HOME"), ".local", "share");
        return base.resolve("runyard").resolve("rigs.json");
    }

    /** The rigs of {@code file}; none when it does not exist. */
    public static List<Rig> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] json = LocalFiles.readBounded(file, MAX_BYTES, "rigs file");
        try {
            List<Map<String, Object>> raw = MAPPER.readValue(json, new TypeReference<>() { });
            List<Rig> out = new ArrayList<>();
            for (Map<String, Object> m : raw) {
                Object ram = m.get("ram_gb");
                out.add(new Rig(String.valueOf(m.get("name")), m.get("gpu") instanceof String g ? g : null,
                        ram instanceof Number n ? n.doubleValue() : null));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw RunyardException.badInput("saved rigs file " + file + " is unreadable", "fix or remove it");
        }
    }

    /**
     * Deletes the {@code rigs*.tmp} files earlier versions left beside {@code file} when killed mid-save (their
     * content never became the rigs file). Returns how many were removed.
     */
    public static int removeStaleTemps(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(RigsFile::isOldTemp).toList()) {
                n += Files.deleteIfExists(p) ? 1 : 0;
            }
        } catch (IOException e) {
            return n; // leftovers are harmless; never fail start-up over them
        }
        return n;
    }

    private static boolean isOldTemp(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith("rigs") && name.endsWith(".tmp") && Files.isRegularFile(p);
    }
}
