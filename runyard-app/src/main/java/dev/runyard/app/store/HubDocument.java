package dev.runyard.app.store;

import java.util.Objects;

/**
 * A document read from the Hub for a repository outside the catalog, kept in the store: where it was read
 * ({@code url}), which repository and file it is, its text, and when it was read (ISO-8601, UTC).
 */
public record HubDocument(String url, String repoId, String file, String body, String fetchedAt) {
    public HubDocument {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** A document read now. */
    public static HubDocument readNow(String url, String repoId, String file, String body) {
        return new HubDocument(url, repoId, file, body, StoreWriter.now());
    }
}
