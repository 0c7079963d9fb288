package dev.runyard.core.format.gguf;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Forward-only little-endian reads over a {@link ByteSource}, buffered, bounded by the file size (when known) and
 * a header cap. Every read names its field so that a failure says what was being read and where.
 */
final class GgufCursor {
    private static final int BUFFER = 64 * 1024;

    private final ByteSource source;
    private final String file;
    private final long limit;
    private final boolean sizeKnown;
    private final ByteBuffer buf = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
    /** Absolute position of {@code buf} index 0. */
    private long base;

    GgufCursor(ByteSource source, String file, long cap) {
        this.source = source;
        this.file = file;
        long size = source.size();
        this.sizeKnown = size >= 0;
        this.limit = sizeKnown ? Math.min(size, cap) : cap;
        buf.flip();
    }

    long position() {
        return base + buf.position();
    }

    /** Bytes that may still be read before the end of the file or the header cap. */
    long remaining() {
        return limit - position();
    }

    String file() {
        return file;
    }

    GgufFormatException error(long offset, String field, String problem) {
        return new GgufFormatException(file, offset, field, problem);
    }

    /** Fails unless {@code n} more bytes may be read. */
    void need(long n, String field) {
        if (n < 0 || n > remaining()) {
            String why = sizeKnown && limit == source.size()
                    ? "truncated: needs " + n + " bytes, " + remaining() + " left in the file"
                    : "needs " + n + " bytes, past the header limit of " + limit + " bytes";
            throw error(position(), field, why);
        }
    }

    private void ensure(int n, String field) {
        need(n, field);
        if (buf.remaining() >= n) {
            return;
        }
        base = position();
        buf.compact();
        try {
            while (buf.position() < n) {
                int r = source.read(base + buf.position(), buf);
                if (r <= 0) {
                    buf.flip();
                    throw error(position(), field, "unexpected end of data");
                }
            }
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read " + file + ": " + e.getMessage(),
                    "check the file is readable", e);
        }
        buf.flip();
    }

    void skip(long n, String field) {
        need(n, field);
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
            return;
        }
        base = position() + n;
        buf.clear().flip();
    }

    int u8(String field) {
        ensure(1, field);
        return buf.get() & 0xff;
    }

    int u16(String field) {
        ensure(2, field);
        return buf.getShort() & 0xffff;
    }

    /** An unsigned 32-bit value, widened. */
    long u32(String field) {
        ensure(4, field);
        return buf.getInt() & 0xffff_ffffL;
    }

    /** A 64-bit value as stored; callers check the sign where it means "too large". */
    long i64(String field) {
        ensure(8, field);
        return buf.getLong();
    }

    /** An unsigned 64-bit count or size; values past {@code Long.MAX_VALUE} are rejected. */
    long u64(String field) {
        long at = position();
        long v = i64(field);
        if (v < 0) {
            throw error(at, field, "value " + Long.toUnsignedString(v) + " is too large");
        }
        return v;
    }

    byte[] bytes(int n, String field) {
        need(n, field);
        byte[] out = new byte[n];
        int off = 0;
        while (off < n) {
            if (!buf.hasRemaining()) {
                ensure(1, field);
            }
            int k = Math.min(buf.remaining(), n - off);
            buf.get(out, off, k);
            off += k;
        }
        return out;
    }

    /** A GGUF string: u64 length, then UTF-8 bytes; {@code cap} bounds what we are willing to hold. */
    String string(long cap, String field) {
        long at = position();
        long len = u64(field + " length");
        if (len > cap) {
            throw error(at, field, "string of " + len + " bytes is longer than the limit of " + cap);
        }
        need(len, field);
        return new String(bytes((int) len, field), StandardCharsets.UTF_8);
    }

    /** Skips a string without keeping it (tokenizer vocabularies). */
    void skipString(long cap, String field) {
        long at = position();
        long len = u64(field + " length");
        if (len > cap) {
            throw error(at, field, "string of " + len + " bytes is longer than the limit of " + cap);
        }
        skip(len, field);
    }

    float f32(String field) {
        ensure(4, field);
        return buf.getFloat();
    }

    double f64(String field) {
        ensure(8, field);
        return buf.getDouble();
    }
}
