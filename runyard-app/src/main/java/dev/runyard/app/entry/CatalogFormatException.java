package dev.runyard.app.entry;

/** A catalog entry that does not match {@link CatalogEntry}: the message names the field and the problem. */
public final class CatalogFormatException extends RuntimeException {
    public CatalogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
