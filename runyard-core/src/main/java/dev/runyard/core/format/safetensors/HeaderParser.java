package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.runyard.core.format.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a safetensors header, parsed token by token straight from the source: no copy of the header bytes, no
 * tree. Errors name the byte offset in the file where the parser stood.
 */
final class HeaderParser {
    /** Real files carry a handful of metadata strings ("format": "pt"); more is not a checkpoint. */
    static final int MAX_METADATA = 1024;
    private static final int MAX_DIMS = 8;

    private final JsonParser p;
    private final String name;

    private HeaderParser(JsonParser p, String name) {
        this.p = p;
        this.name = name;
    }

    /** Parses the {@code n} header bytes that follow the 8-byte length. */
    static SafetensorsHeader parse(ByteSource src, long n, String name) throws IOException {
        try (JsonParser p = SafetensorsReader.JSON.createParser(new SourceStream(src, 8, n, name))) {
            return new HeaderParser(p, name).header(8 + n);
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(name, 8 + offset(e.getLocation()), "header", "invalid JSON: "
                    + e.getOriginalMessage());
        }
    }

    private SafetensorsHeader header(long headerBytes) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw error("header", "is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsTensor> tensors = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("__metadata__")) {
                metadata(metadata);
            } else {
                if (tensors.size() == SafetensorsReader.MAX_TENSORS) {
                    throw error("header", "more than " + SafetensorsReader.MAX_TENSORS + " tensors");
                }
                tensors.add(tensor(key));
            }
        }
        if (p.nextToken() != null) {
            throw error("header", "trailing data after the JSON object");
        }
        return new SafetensorsHeader(name, metadata, tensors, headerBytes);
    }

    private void metadata(Map<String, String> out) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error("__metadata__", "must be an object of strings");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == null || !v.isScalarValue()) {
                throw error("__metadata__." + key, "must be a string");
            }
            if (out.size() == MAX_METADATA) {
                throw error("__metadata__", "more than " + MAX_METADATA + " entries");
            }
            out.put(key, p.getText());
        }
    }

    private SafetensorsTensor tensor(String key) throws IOException {
        String field = "tensor '" + key + "'";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(field, "must be an object");
        }
        SafetensorsDtype dtype = null;
        String dtypeText = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken v = p.nextToken();
            switch (f) {
                case "dtype" -> {
                    dtypeText = v == JsonToken.VALUE_STRING ? p.getText() : String.valueOf(v);
                    p.skipChildren();
                    dtype = v == JsonToken.VALUE_STRING ? SafetensorsDtype.byName(dtypeText).orElse(null) : null;
                }
                case "shape" -> shape = longs(field + " shape", MAX_DIMS);
                case "data_offsets" -> offsets = longs(field + " data_offsets", 2);
                default -> p.skipChildren();
            }
        }
        if (dtype == null) {
            throw error(field + " dtype", "unknown dtype " + dtypeText);
        }
        if (shape == null) {
            throw error(field + " shape", "must be an array of at most " + MAX_DIMS + " integers");
        }
        if (offsets == null || offsets.length != 2 || offsets[1] < offsets[0]) {
            throw error(field + " data_offsets", "must be [begin, end] with begin <= end");
        }
        long expected;
        try {
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            expected = dtype.bytes(elements);
        } catch (ArithmeticException e) {
            throw error(field + " shape", "element count overflows 64 bits");
        }
        if (offsets[1] - offsets[0] != expected) {
            throw error(field + " data_offsets", "range of " + (offsets[1] - offsets[0]) + " bytes, but " + dtype
                    + " × shape needs " + expected);
        }
        return new SafetensorsTensor(key, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of at most {@code max} non-negative integers that fit in 64 bits. */
    private long[] longs(String field, int max) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw error(field, "must be an array of at most " + max + " integers");
        }
        long[] out = new long[max];
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (n == max) {
                throw error(field, "must be an array of at most " + max + " integers");
            }
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || p.getLongValue() < 0) {
                throw error(field, "element " + n + " is not a non-negative integer");
            }
            out[n++] = p.getLongValue();
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private SafetensorsFormatException error(String field, String problem) {
        return new SafetensorsFormatException(name, 8 + offset(p.currentLocation()), field, problem);
    }

    /** Bytes into the JSON; Jackson's byte parsers report them as the "char" offset. */
    static long offset(JsonLocation l) {
        if (l == null) {
            return 0;
        }
        return Math.max(0, l.getByteOffset() >= 0 ? l.getByteOffset() : l.getCharOffset());
    }

    /** Bytes {@code [from, from + n)} of a source as a stream; a source that ends early is a truncated file. */
    private static final class SourceStream extends InputStream {
        private final ByteSource src;
        private final long end;
        private final String name;
        private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).limit(0);
        private long at;

        SourceStream(ByteSource src, long from, long n, String name) {
            this.src = src;
            this.at = from;
            this.end = from + n;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!buf.hasRemaining()) {
                if (at >= end) {
                    return -1;
                }
                buf.clear().limit((int) Math.min(buf.capacity(), end - at));
                int r = src.read(at, buf);
                if (r <= 0) {
                    throw new SafetensorsFormatException(name, at, "header", "unexpected end of file");
                }
                at += r;
                buf.flip();
            }
            int k = Math.min(len, buf.remaining());
            buf.get(b, off, k);
            return k;
        }
    }
}
