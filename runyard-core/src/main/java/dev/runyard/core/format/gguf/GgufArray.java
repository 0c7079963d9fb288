package dev.runyard.core.format.gguf;

import java.util.List;

/**
 * A summary of a metadata array: its element type, length and, for numbers and booleans, the first few values
 * (enough for per-layer arrays). Long arrays such as tokenizer tokens and merges are skipped, never kept.
 */
public record GgufArray(GgufValueType elementType, long length, List<Object> head) {
    /** How many leading values are kept for numeric arrays. */
    public static final int HEAD_LIMIT = 64;

    public GgufArray {
        if (length < 0) {
            throw new IllegalArgumentException("array length must not be negative: " + length);
        }
        head = List.copyOf(head);
    }

    /** True when {@link #head} holds every element. */
    public boolean complete() {
        return head.size() == length;
    }
}
