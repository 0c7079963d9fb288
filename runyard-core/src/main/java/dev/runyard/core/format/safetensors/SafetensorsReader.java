package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors header: a little-endian u64 length N, then N bytes of JSON mapping tensor names to
 * {@code {dtype, shape, data_offsets}} plus an optional {@code __metadata__} object of strings. Checks mirror the
 * reference implementation: each range matches dtype × shape, ranges do not overlap, and they end inside the file.
 */
public final class SafetensorsReader {
    /** The reference implementation's limit on header size. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(1024 * 1024).maxNumberLength(40).build())
            .build());

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
        ByteBuffer len = readFully(src, 0, 8, name, "header length");
        long n = len.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 1 || n > MAX_HEADER_BYTES) {
            throw new SafetensorsFormatException(name, 0, "header length", "length " + Long.toUnsignedString(n)
                    + " is outside 2.." + MAX_HEADER_BYTES);
        }
        if (size >= 0 && n > size - 8) {
            throw new SafetensorsFormatException(name, 0, "header length", "header of " + n + " bytes does not fit in a "
                    + size + "-byte file (truncated?)");
        }
        ByteBuffer json = readFully(src, 8, (int) n, name, "header");
        JsonNode root;
        try (JsonParser p = MAPPER.createParser(json.array(), 0, (int) n)) {
            root = MAPPER.readTree(p);
            if (p.nextToken() != null) {
                throw new SafetensorsFormatException(name, 8, "header", "trailing data after the JSON object");
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 8 : 8 + Math.max(0, e.getLocation().getByteOffset());
            throw new SafetensorsFormatException(name, at, "header", "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsFormatException(name, 8, "header", "is not a JSON object");
        }
        SafetensorsHeader h = parse(root, name, 8 + n);
        checkRanges(h, name, size < 0 ? -1 : size - 8 - n);
        return h;
    }

    private static ByteBuffer readFully(ByteSource src, long at, int n, String name, String field) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (src.read(at + b.position(), b) <= 0) {
                throw new SafetensorsFormatException(name, at + b.position(), field, "unexpected end of file");
            }
        }
        return b.flip();
    }

    private static SafetensorsHeader parse(JsonNode root, String name, long headerBytes) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsTensor> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                metadata(e.getValue(), name, metadata);
            } else {
                tensors.add(tensor(e.getKey(), e.getValue(), name));
            }
        }
        return new SafetensorsHeader(name, metadata, tensors, headerBytes);
    }

    private static void metadata(JsonNode node, String name, Map<String, String> out) {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(name, 8, "__metadata__", "must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new SafetensorsFormatException(name, 8, "__metadata__." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
    }

    private static SafetensorsTensor tensor(String key, JsonNode node, String name) {
        String field = "tensor '" + key + "'";
        if (!node.isObject()) {
            throw new SafetensorsFormatException(name, 8, field, "must be an object");
        }
        JsonNode dt = node.get("dtype");
        SafetensorsDtype dtype = dt != null && dt.isTextual() ? SafetensorsDtype.byName(dt.asText()).orElse(null) : null;
        if (dtype == null) {
            throw new SafetensorsFormatException(name, 8, field + " dtype", "unknown dtype " + dt);
        }
        long[] shape = longs(node.get("shape"), name, field + " shape", 8);
        long[] offsets = longs(node.get("data_offsets"), name, field + " data_offsets", 2);
        if (offsets.length != 2 || offsets[1] < offsets[0]) {
            throw new SafetensorsFormatException(name, 8, field + " data_offsets", "must be [begin, end] with begin <= end");
        }
        long expected;
        try {
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            expected = dtype.bytes(elements);
        } catch (ArithmeticException e) {
            throw new SafetensorsFormatException(name, 8, field + " shape", "element count overflows 64 bits");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw new SafetensorsFormatException(name, 8, field + " data_offsets", "range of " + (offsets[1] - offsets[0])
                    + " bytes, but " + dtype + " × shape needs " + expected);
        }
        return new SafetensorsTensor(key, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code max} non-negative integers. */
    private static long[] longs(JsonNode node, String name, String field, int max) {
        if (node == null || !node.isArray() || node.size() > max) {
            throw new SafetensorsFormatException(name, 8, field, "must be an array of at most " + max + " integers");
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
                throw new SafetensorsFormatException(name, 8, field, "element " + i + " is not a non-negative integer");
            }
            out[i] = v.asLong();
        }
        return out;
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
