package dev.runyard.app.store;

import dev.runyard.core.error.RunyardException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the catalog lives: an SQLite file (the default, in the user's data directory) or a PostgreSQL database given
 * as {@code postgresql://user:pass@host:port/db}. {@code display} never contains the password.
 */
public record DbSpec(Kind kind, String jdbcUrl, String user, String password, Path file, String display) {
    public enum Kind { SQLITE, POSTGRES }

    /** The environment variable that overrides the default location. */
    public static final String ENV = "RUNYARD_DB";

    /** Resolves {@code --db} (may be null), then {@code RUNYARD_DB}, then the default file, from the real environment. */
    public static DbSpec resolve(String spec) {
        // $HOME first, as XDG tools do (the JVM's user.home comes from the password database).
        String home = System.getenv("HOME");
        return resolve(spec, System.getenv(), System.getProperty("os.name", ""),
                home != null && !home.isBlank() ? home : System.getProperty("user.home", "."));
    }

    static DbSpec resolve(String spec, Map<String, String> env, String osName, String home) {
        String s = spec != null && !spec.isBlank() ? spec.trim() : env.get(ENV);
        if (s == null || s.isBlank()) {
            return sqlite(defaultFile(env, osName, home));
        }
        return parse(s.trim());
    }

    public static DbSpec parse(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.startsWith("postgresql://") || l.startsWith("postgres://")) {
            return postgres(s);
        }
        if (l.startsWith("jdbc:postgresql:")) {
            return new DbSpec(Kind.POSTGRES, s, null, null, null, redact(s));
        }
        if (l.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(s.substring("jdbc:sqlite:".length())));
        }
        if (l.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw RunyardException.badInput("unsupported database URL \"" + redact(s) + "\"",
                    "use a file path or postgresql://user:pass@host:port/db");
        }
        return sqlite(Path.of(s));
    }

    static DbSpec sqlite(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DbSpec(Kind.SQLITE, "jdbc:sqlite:" + abs, null, null, abs, abs.toString());
    }

    private static DbSpec postgres(String s) {
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw RunyardException.badInput("malformed PostgreSQL URL \"" + redact(s) + "\"",
                    "postgresql://user:pass@host:port/db");
        }
        if (u.getHost() == null) {
            throw RunyardException.badInput("PostgreSQL URL \"" + redact(s) + "\" has no host",
                    "postgresql://user:pass@host:port/db");
        }
        String user = null;
        String pass = null;
        if (u.getRawUserInfo() != null) {
            String[] up = u.getRawUserInfo().split(":", 2);
            user = decode(up[0]);
            pass = up.length > 1 ? decode(up[1]) : null;
        }
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        int port = u.getPort() < 0 ? 5432 : u.getPort();
        String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/" + db + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        String display = "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + db;
        return new DbSpec(Kind.POSTGRES, jdbc, user, pass, null, display);
    }

    /** {@code $XDG_DATA_HOME/runyard/runyard.db}, {@code ~/.local/share/…}; macOS and Windows equivalents. */
    static Path defaultFile(Map<String, String> env, String osName, String home) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path dir;
        if (os.startsWith("windows")) {
            String local = env.getOrDefault("LOCALAPPDATA", env.get("APPDATA"));
            dir = local != null ? Path.of(local) : Path.of(home, "AppData", "Local");
        } else if (os.startsWith("mac")) {
            dir = Path.of(home, "Library", "Application Support");
        } else {
            String xdg = env.get("XDG_DATA_HOME");
            dir = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "share");
        }
        return dir.resolve("runyard").resolve("runyard.db");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The spec with any password replaced by ***. */
    static String redact(String s) {
        return s.replaceAll("(://[^:/@]+):[^@/]*@", "$1:***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
