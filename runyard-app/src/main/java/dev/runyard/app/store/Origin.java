package dev.runyard.app.store;

import java.util.Locale;

/** Who wrote a row: the data files shipped in the jar, or a hub sync. A newer jar replaces only bundled rows. */
public enum Origin {
    BUNDLED, SYNC;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Origin of(String db) {
        return valueOf(db.toUpperCase(Locale.ROOT));
    }
}
