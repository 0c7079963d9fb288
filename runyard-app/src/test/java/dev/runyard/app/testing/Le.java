package dev.runyard.app.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian byte sink for building GGUF files in tests (u32, u64, GGUF strings, raw bytes). */
public final class Le extends ByteArrayOutputStream {
    public Le u32(long v) {
        for (int i = 0; i < 4; i++) {
            write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public Le u64(long v) {
        for (int i = 0; i < 8; i++) {
            write((int) (v >>> (8 * i)));
        }
        return this;
    }

    public Le str(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u64(b.length);
        return raw(b);
    }

    public Le raw(byte[] b) {
        write(b, 0, b.length);
        return this;
    }
}
