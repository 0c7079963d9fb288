package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;

/** A Hub API request that failed for good (after retries, or with a status that retrying cannot fix). */
public class HubException extends RunyardException {
    public HubException(String message) {
        this(message, null);
    }

    public HubException(String message, Throwable cause) {
        super(Kind.RUNTIME, message, "try again later; set HF_TOKEN for higher rate limits", cause);
    }
}
