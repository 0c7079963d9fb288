package dev.runyard.app.sync;

/** A Hub record that fails its checks (wrong id, missing or malformed fields): skipped with a warning, never stored. */
final class BadRecordException extends RuntimeException {
    BadRecordException(String message) {
        super(message);
    }
}
