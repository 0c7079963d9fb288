package dev.runyard.app.sync;

import dev.runyard.core.error.RunyardException;

/** A Hub request that failed for good (after retries, or with a status that retrying cannot fix). */
public final class HubException extends RunyardException {
    public HubException(String message) {
        super(Kind.RUNTIME, message, "try again later; set HF_TOKEN for higher rate limits");
    }
}
