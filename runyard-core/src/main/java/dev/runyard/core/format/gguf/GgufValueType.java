package dev.runyard.core.format.gguf;

import java.util.Locale;
import java.util.Optional;

/** GGUF metadata value types ({@code gguf_type} in llama.cpp {@code ggml/include/gguf.h}), by explicit id. */
public enum GgufValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
    /** u64 length then bytes: at least 8 bytes. */
    STRING(8, 8),
    /** u32 element type, u64 count, items: at least 12 bytes. */
    ARRAY(9, 12),
    UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private final int id;
    private final int minBytes;

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    public int id() {
        return id;
    }

    /** The fewest bytes one value takes: the size of numbers, the length prefix of strings. */
    public int minBytes() {
        return minBytes;
    }

    public boolean isNumber() {
        return this != STRING && this != ARRAY && this != BOOL;
    }

    /** Lower-case name used in JSON summaries ("string", "uint32"). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GgufValueType> byId(long id) {
        for (GgufValueType t : values()) {
            if (t.id == id) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
