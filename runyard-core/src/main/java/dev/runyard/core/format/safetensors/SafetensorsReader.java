package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a safetensors header: a little-endian u64 length N, then N bytes of JSON mapping tensor names to
 * {@code {dtype, shape, data_offsets}} plus an optional {@code __metadata__} object of strings. Checks mirror the
 * reference implementation: each range matches dtype × shape, ranges do not overlap, and they end inside the file.
 * The JSON is parsed as a stream ({@link HeaderParser}), never held as bytes or a tree, and at most
 * {@link #MAX_TENSORS} tensors are kept, so memory stays proportional to the tensors and time to the bytes.
 */
public final class SafetensorsReader {
    /** The reference implementation's limit on header size. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /**
     * Tensors per file and per merged checkpoint. The largest published checkpoints hold around 100k tensors (MoE
     * experts with their quantization scales, over all shards); five times that keeps a hostile header of millions
     * of tiny entries from filling the heap, and is refused as soon as the count is passed.
     */
    public static final int MAX_TENSORS = 1 << 19;

    /** Field names are not canonicalized: tensor names are unique, so a symbol table would only cost memory. */
    static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(1024 * 1024).maxNameLength(64 * 1024).maxNumberLength(40).build())
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private SafetensorsReader() {
    }

    public static SafetensorsHeader read(Path path) {
        try (ByteSource src = ByteSource.open(path)) {
            return read(src, path.toString());
        } catch (NoSuchFileException e) {
            throw RunyardException.notFound("file not found: " + path, "check the path");
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read " + path + ": " + e.getMessage(),
                    "check the file is readable", e);
        }
    }

    public static SafetensorsHeader read(ByteSource src, String name) throws IOException {
        long size = src.size();
        ByteBuffer len = ByteBuffer.allocate(8);
        while (len.hasRemaining()) {
            if (src.read(len.position(), len) <= 0) {
                throw new SafetensorsFormatException(name, len.position(), "header length", "unexpected end of file");
            }
        }
        long n = len.flip().order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name, 0, "header length", "length " + Long.toUnsignedString(n)
                    + " is outside 2.." + MAX_HEADER_BYTES);
        }
        if (size >= 0 && n > size - 8) {
            throw new SafetensorsFormatException(name, 0, "header length", "header of " + n + " bytes does not fit in a "
                    + size + "-byte file (truncated?)");
        }
        SafetensorsHeader h = HeaderParser.parse(src, n, name);
        checkRanges(h, name, size < 0 ? -1 : size - 8 - n);
        return h;
    }

    /** Ranges must not overlap and, when the file size is known, must end inside the data section. */
    private static void checkRanges(SafetensorsHeader h, String name, long dataBytes) {
        List<SafetensorsTensor> sorted = new ArrayList<>(h.tensors());
        sorted.sort(Comparator.comparingLong(SafetensorsTensor::start));
        long end = 0;
        String last = null;
        for (SafetensorsTensor t : sorted) {
            if (t.start() < end && t.bytes() > 0) {
                throw new SafetensorsFormatException(name, h.headerBytes() + t.start(), "tensor '" + t.name() + "'",
                        "data overlaps tensor '" + last + "'");
            }
            if (t.end() >= end) {
                end = t.end();
                last = t.name();
            }
        }
        if (dataBytes >= 0 && end > dataBytes) {
            throw new SafetensorsFormatException(name, h.headerBytes() + dataBytes, "tensor '" + last + "'",
                    "data ends " + (end - dataBytes) + " bytes past the end of the file (truncated?)");
        }
    }
}
