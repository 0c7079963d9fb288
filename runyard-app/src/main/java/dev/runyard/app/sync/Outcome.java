package dev.runyard.app.sync;

import java.util.Locale;

/** What handling one listed repo came to; its label is what the listener hears and the progress table keeps. */
enum Outcome {
    /** A model written (new or updated). */
    MODEL,
    /** A quantized repo attached to its base model. */
    VARIANT,
    /** A quantized repo whose base model is not in the store yet: attached when the base lands. */
    PENDING,
    /** Nothing to write: a bundled model touched again, or a model of an organisation not tracked. */
    UNCHANGED,
    /** A quantized repo whose card names no base model. */
    NO_BASE,
    /** Gated, private or deleted since it was listed. */
    GONE,
    /** A malformed Hub record, skipped with a warning. */
    REJECTED,
    /** The Hub could not answer for it: not recorded, so the next run tries again. */
    FAILED;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
