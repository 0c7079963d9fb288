package dev.runyard.app.remote;

/**
 * The Hub answered, but with something no retry will fix: a body over the size allowed for it, or not JSON. The sync
 * skips such a record with a warning instead of retrying it on every run.
 */
public final class BadAnswerException extends HubException {
    public BadAnswerException(String message) {
        super(message);
    }
}
