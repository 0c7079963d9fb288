package dev.runyard.app.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rigs in one JSON file, by default {@code $XDG_DATA_HOME/runyard/rigs.json} (else {@code ~/.local/share/runyard}).
 * Every save writes a temporary file in the same directory, forces it to disk and moves it over the old one
 * atomically, so a crash leaves either the old or the new list, never a torn file.
 */
public final class FileRigStore implements RigStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_RIGS = 200;
    private final Path file;

    public FileRigStore(Path file) {
        this.file = file;
    }

    /** The default location, from {@code env} (XDG_DATA_HOME, HOME). */
    public static Path defaultPath(java.util.function.Function<String, String> env) {
        String xdg = env.apply("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.apply("HOME") == null ? System.getProperty("user.home") : env.apply("HOME"), ".local", "share");
        return base.resolve("runyard").resolve("rigs.json");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized List<Rig> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Map<String, Object>> raw = MAPPER.readValue(file.toFile(), new TypeReference<>() { });
            List<Rig> out = new ArrayList<>();
            for (Map<String, Object> m : raw) {
                Object ram = m.get("ram_gb");
                out.add(new Rig(String.valueOf(m.get("name")), (String) m.get("gpu"),
                        ram instanceof Number n ? n.doubleValue() : null));
            }
            out.sort(Comparator.comparing(r -> r.name().toLowerCase(java.util.Locale.ROOT)));
            return out;
        } catch (IOException | RuntimeException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "saved rigs file " + file + " is unreadable",
                    "fix or remove it", e);
        }
    }

    @Override
    public synchronized void save(Rig rig) {
        List<Rig> rigs = new ArrayList<>(list());
        rigs.removeIf(r -> r.name().equalsIgnoreCase(rig.name()));
        if (rigs.size() >= MAX_RIGS) {
            throw RunyardException.badInput("at most " + MAX_RIGS + " saved rigs", "replace one by saving its name");
        }
        rigs.add(rig);
        List<Map<String, Object>> raw = new ArrayList<>();
        for (Rig r : rigs) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", r.name());
            m.put("gpu", r.gpu());
            m.put("ram_gb", r.ramGb());
            raw.add(m);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "rigs", ".tmp");
            try {
                try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.wrap(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(raw)));
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot save rigs to " + file, "check permissions", e);
        }
    }
}
