package dev.runyard.app.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * A repository as the Hub's listing named it: its id, its {@code lastModified} (as the Hub wrote it, and parsed) and
 * its commit sha when the listing gives one. The listing's id is the one the detail answer must repeat.
 */
record Listed(String id, String lastModified, Instant at, String sha) {
    Listed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(at, "at");
    }

    String author() {
        return id.substring(0, id.indexOf('/'));
    }
}
