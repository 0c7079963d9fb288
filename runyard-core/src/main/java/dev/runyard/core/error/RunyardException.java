package dev.runyard.core.error;

/**
 * Base of every error Runyard reports to a user. Each carries what went wrong, how to fix it, and a {@link Kind}
 * that the CLI maps to an exit code and the web layer to an HTTP status, once per boundary.
 */
public class RunyardException extends RuntimeException {
    /** What kind of failure this is; decides the exit code (CLI) or status (API). */
    public enum Kind {
        /** Bad input or usage: exit 2, HTTP 400. */
        BAD_INPUT,
        /** Unknown model, GPU or file: exit 3, HTTP 404. */
        NOT_FOUND,
        /** Anything else at run time (network, database): exit 1, HTTP 500. */
        RUNTIME
    }

    private final Kind kind;
    private final String hint;

    public RunyardException(Kind kind, String message, String hint) {
        super(message);
        this.kind = kind;
        this.hint = hint;
    }

    public RunyardException(Kind kind, String message, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.hint = hint;
    }

    public static RunyardException badInput(String message, String hint) {
        return new RunyardException(Kind.BAD_INPUT, message, hint);
    }

    public static RunyardException notFound(String message, String hint) {
        return new RunyardException(Kind.NOT_FOUND, message, hint);
    }

    public Kind kind() {
        return kind;
    }

    /** How to fix it, or null. */
    public String hint() {
        return hint;
    }
}
