package dev.runyard.app.remote;

import dev.runyard.core.format.ByteSource;
import dev.runyard.core.format.safetensors.SafetensorsFormatException;
import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsReader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The header of a remote safetensors file as text, read with range requests: the 8-byte length first, then exactly
 * that many bytes, never more than {@code maxHeaderBytes} (a length past it is refused before anything else is
 * fetched). The text is what a store keeps; {@link #parse} reads it again later, with no network.
 */
public final class HeaderFetch {
    private HeaderFetch() {
    }

    /** A header's JSON text, its length in bytes, and the tensors it lists. */
    public record Header(String json, long bytes, SafetensorsHeader header) {
    }

    /**
     * Reads and checks the header of {@code uri}, whose ranges must end inside the file. Fails with a
     * {@link SafetensorsFormatException} (bad input) for a header over {@code maxHeaderBytes} or not valid
     * safetensors, and with the fetcher's errors (not found, access denied, unreachable) otherwise.
     */
    public static Header read(HttpFetcher http, URI uri, long maxHeaderBytes, String name) {
        long max = Math.min(maxHeaderBytes, SafetensorsReader.MAX_HEADER_BYTES);
        try (HttpRangeSource src = HttpRangeSource.open(http, uri, 8 + max)) {
            ByteBuffer len = ByteBuffer.allocate(8);
            fill(src, 0, len, name);
            long n = len.flip().order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 1 || n > max) {
                throw new SafetensorsFormatException(name, 0, "header length", "length " + Long.toUnsignedString(n)
                        + " is outside 2.." + max + (max < SafetensorsReader.MAX_HEADER_BYTES
                        ? ", what is left of the limit for all headers of one checkpoint" : ""));
            }
            if (src.size() >= 0 && n > src.size() - 8) {
                throw new SafetensorsFormatException(name, 0, "header length", "header of " + n + " bytes does not fit"
                        + " in a " + src.size() + "-byte file (truncated?)");
            }
            ByteBuffer json = ByteBuffer.allocate((int) n);
            fill(src, 8, json, name);
            byte[] bytes = json.array();
            return new Header(new String(bytes, StandardCharsets.UTF_8), n, parse(bytes, src.size(), name));
        } catch (IOException e) {
            throw new SafetensorsFormatException(name, -1, "header", "unreadable: " + e.getMessage());
        }
    }

    /** The tensors of a header kept as text (its file's size no longer known, so ranges are not checked against it). */
    public static SafetensorsHeader parse(String json, String name) {
        return parse(json.getBytes(StandardCharsets.UTF_8), -1, name);
    }

    private static SafetensorsHeader parse(byte[] json, long fileSize, String name) {
        byte[] file = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length)
                .put(json).array();
        try {
            return SafetensorsReader.read(ByteSource.of(file, fileSize), name);
        } catch (IOException e) {
            throw new SafetensorsFormatException(name, -1, "header", "unreadable: " + e.getMessage());
        }
    }

    private static void fill(ByteSource src, long at, ByteBuffer dst, String name) throws IOException {
        while (dst.hasRemaining()) {
            int n = src.read(at + dst.position(), dst);
            if (n <= 0) {
                throw new SafetensorsFormatException(name, at + dst.position(), "header", "unexpected end of file");
            }
        }
    }
}
