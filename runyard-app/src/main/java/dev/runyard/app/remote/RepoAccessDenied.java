package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;

/**
 * The Hub refused a repository's file (HTTP 401 or 403) and did not say the repository is missing: it is gated or
 * private. Kept apart from "absent" so that a user is told the repo exists and what opens it, instead of "not on the
 * Hub". {@code errorCode} is the Hub's {@code X-Error-Code} ({@code GatedRepo} …), or null when the server sent none.
 */
public final class RepoAccessDenied extends RunyardException {
    private final int status;
    private final String errorCode;
    private final boolean tokenSent;

    public RepoAccessDenied(String url, int status, String errorCode, boolean tokenSent) {
        super(Kind.RUNTIME, url + " answered HTTP " + status + (errorCode == null ? "" : " (" + errorCode + ")"),
                null, null);
        this.status = status;
        this.errorCode = errorCode;
        this.tokenSent = tokenSent;
    }

    public int status() {
        return status;
    }

    /** True when the Hub said the repository is gated (its licence must be accepted), not just private. */
    public boolean gated() {
        return "GatedRepo".equalsIgnoreCase(errorCode);
    }

    public boolean tokenSent() {
        return tokenSent;
    }
}
