package dev.runyard.app.store;

import java.util.Locale;
import java.util.Objects;

/** A saved rig as the store keeps it: a name (unique whatever its case), a GPU description and RAM in GiB. */
public record RigRow(String name, String gpu, Double ramGib) {
    public RigRow {
        Objects.requireNonNull(name, "name");
    }

    /** The primary key: the name in lower case, computed here so SQLite and PostgreSQL agree. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }
}
