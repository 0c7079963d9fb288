package dev.runyard.core.format.safetensors;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes safetensors files with very many tensors, streamed to disk (the header is never in memory): MoE-style
 * names, one BF16 tensor of 4 elements each, contiguous ranges. The data section is a sparse file.
 */
public final class HugeHeaders {
    private HugeHeaders() {
    }

    /** A file with {@code tensors} tensors; returns its path. */
    public static Path write(Path file, int tensors) throws IOException {
        long headerLen = 0;
        for (int i = 0; i < tensors; i++) {
            headerLen += entry(i).length + (i == 0 ? 0 : 1);
        }
        headerLen += 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLen).array());
            out.write('{');
            for (int i = 0; i < tensors; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(entry(i));
            }
            out.write('}');
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(8 + headerLen + 8L * tensors);
        }
        return file;
    }

    private static byte[] entry(int i) {
        long at = 8L * i;
        return ("\"layers." + i / 1000 + ".experts." + i % 1000 + ".w\":{\"dtype\":\"BF16\","
                + "\"shape\":[4],\"data_offsets\":[" + at + "," + (at + 8) + "]}").getBytes(StandardCharsets.US_ASCII);
    }
}
