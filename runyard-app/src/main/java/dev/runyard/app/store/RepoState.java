package dev.runyard.app.store;

import java.util.List;
import java.util.Objects;

/**
 * How far the sync got with one Hub repository: the {@code lastModified} and {@code sha} it handled and what came of
 * it. A pending variant (a quantized repo whose base is not in the store yet) also keeps its base, format, quants
 * and file listing.
 */
public record RepoState(String repoId, String lastModified, String sha, String outcome, String baseModel,
                        String format, List<String> quants, Listing listing) {
    public static final String PENDING = "pending";

    public RepoState {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(outcome, "outcome");
        quants = quants == null ? List.of() : List.copyOf(quants);
    }

    public RepoState(String repoId, String lastModified, String sha, String outcome, String baseModel, String format,
                     List<String> quants) {
        this(repoId, lastModified, sha, outcome, baseModel, format, quants, null);
    }

    public static RepoState of(String repoId, String lastModified, String sha, String outcome) {
        return new RepoState(repoId, lastModified, sha, outcome, null, null, List.of());
    }

    /** Whether this state records the same revision of the repo: the same lastModified and sha (or both without one). */
    public boolean sameRevision(String otherLastModified, String otherSha) {
        return lastModified.equals(otherLastModified) && Objects.equals(sha, otherSha);
    }
}
