package dev.runyard.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.format.ByteSource;
import dev.runyard.core.format.gguf.GgufFormatException;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * The header of a remote GGUF file (metadata and tensor infos, never tensor data), read with range requests and kept
 * as text: {@code {"size": file bytes, "header": base64 of bytes 0 .. end of the tensor infos}}. A store keeps that
 * text; {@link #parse} reads it again with no network and the same checks (the file size included).
 */
public final class GgufHeaderFetch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GgufHeaderFetch() {
    }

    /** A header as kept (text), its length in bytes, the file's size, and what it says. */
    public record Header(String text, long bytes, long fileSize, GgufHeader header) {
    }

    /**
     * Reads the header of {@code uri}, fetching at most {@code budget} bytes (never more than the format's own
     * limit). Fails with a {@link GgufFormatException} (bad input) for a file that is not GGUF or breaks a limit, and
     * with the fetcher's errors (not found, access denied, unreachable, out of time) otherwise.
     */
    public static Header read(HttpFetcher http, URI uri, long budget, String name) {
        long max = Math.min(budget, GgufReader.MAX_HEADER_BYTES);
        if (max <= 0) {
            throw new GgufFormatException(name, 0, "header", "the headers of this repo's files together pass the"
                    + " limit for one lookup");
        }
        try (HttpRangeSource src = HttpRangeSource.open(http, uri, max)) {
            Recorder rec = new Recorder(src);
            GgufHeader h = GgufReader.read(rec, name);
            byte[] head = rec.first(h.headerBytes());
            ObjectNode doc = JSON.createObjectNode().put("size", src.size())
                    .put("header", Base64.getEncoder().encodeToString(head));
            return new Header(doc.toString(), head.length, src.size(), h);
        }
    }

    /** The header kept as {@link Header#text()}, read again offline. */
    public static Header parse(String text, String name) {
        try {
            JsonNode doc = JSON.readTree(text);
            byte[] head = Base64.getDecoder().decode(doc.path("header").asText(""));
            long size = doc.path("size").asLong(-1);
            return new Header(text, head.length, size, GgufReader.read(ByteSource.of(head, size), name));
        } catch (IOException | IllegalArgumentException e) {
            throw new GgufFormatException(name, -1, "kept header", "unreadable: " + e.getMessage());
        }
    }

    /** Keeps every byte the reader is handed (it reads forward), so the header can be stored without a second read. */
    private static final class Recorder implements ByteSource {
        private final ByteSource in;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Recorder(ByteSource in) {
            this.in = in;
        }

        @Override
        public long size() {
            return in.size();
        }

        @Override
        public int read(long position, ByteBuffer dst) throws IOException {
            int from = dst.position();
            int n = in.read(position, dst);
            if (n > 0 && position + n > seen.size() && position <= seen.size()) {
                int skip = (int) (seen.size() - position);
                byte[] got = new byte[n];
                dst.duplicate().position(from).get(got);
                seen.write(got, skip, n - skip);
            }
            return n;
        }

        byte[] first(long n) {
            byte[] all = seen.toByteArray();
            return n >= all.length ? all : Arrays.copyOf(all, (int) n);
        }

        @Override
        public void close() {
        }
    }
}
