package dev.runyard.core.format;

import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Local paths as the readers accept them: regular files only, checked before anything is opened (opening a FIFO
 * blocks until some writer comes, and a device such as {@code /dev/zero} never ends), and read with a cap.
 */
public final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * Refuses {@code path} unless it is a regular file (a symbolic link to one is fine): missing is NOT_FOUND, a
     * directory, FIFO, socket or device is BAD_INPUT. {@code what} names the file in messages ("config file").
     */
    public static void requireRegular(Path path, String what) {
        if (Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path)) {
            throw RunyardException.notFound(what + " not found: " + path, "check the path");
        }
        String kind = Files.isDirectory(path) ? "a directory" : "not a regular file (a FIFO, socket or device?)";
        throw RunyardException.badInput(path + " is " + kind, "pass the path of a " + what);
    }

    /** The bytes of a regular file of at most {@code max} bytes; larger files are refused without reading them all. */
    public static byte[] readBounded(Path path, long max, String what) {
        requireRegular(path, what);
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw RunyardException.badInput(path + " is larger than " + max + " bytes, too large for a " + what,
                        "pass the model's " + what);
            }
            return b;
        } catch (NoSuchFileException e) {
            throw RunyardException.notFound(what + " not found: " + path, "check the path");
        } catch (IOException e) {
            throw RunyardException.badInput("cannot read " + path + ": " + ioReason(e), "check the file is readable");
        }
    }

    /** An I/O failure in words, never an exception class name or an empty message. */
    public static String ioReason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "I/O error" : m.lines().findFirst().orElse(m);
    }
}
