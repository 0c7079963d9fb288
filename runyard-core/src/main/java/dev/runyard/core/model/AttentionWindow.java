package dev.runyard.core.model;

/**
 * Which past tokens a layer attends to: all of them, the last {@code size} (sliding window), or those in the
 * same {@code size}-token chunk (Llama 4's chunked attention).
 */
public record AttentionWindow(Kind kind, int size) {
    public enum Kind { FULL, SLIDING, CHUNKED }

    public static final AttentionWindow FULL = new AttentionWindow(Kind.FULL, 0);

    public AttentionWindow {
        if (kind != Kind.FULL && size <= 0) {
            throw new IllegalArgumentException("a " + kind + " window needs a positive size");
        }
    }

    public static AttentionWindow sliding(int size) {
        return new AttentionWindow(Kind.SLIDING, size);
    }

    public static AttentionWindow chunked(int size) {
        return new AttentionWindow(Kind.CHUNKED, size);
    }

    public boolean isFull() {
        return kind == Kind.FULL;
    }
}
