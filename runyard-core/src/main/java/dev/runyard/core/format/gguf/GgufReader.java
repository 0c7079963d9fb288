package dev.runyard.core.format.gguf;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import dev.runyard.core.quant.GgmlType;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GGUF v2/v3 header (spec: ggml {@code docs/gguf.md}; checks mirror llama.cpp {@code ggml/src/gguf.cpp}):
 * magic, version, counts, metadata, tensor infos. Tensor data is never read; its layout is only checked against the
 * file size. Bytes are untrusted: every count is checked against the bytes left before anything is allocated.
 */
public final class GgufReader {
    /** No real header comes close (the largest vocabularies are a few MiB); bounds work on hostile files. */
    public static final long MAX_HEADER_BYTES = 256L * 1024 * 1024;
    public static final long MAX_STRING_BYTES = 1024L * 1024;
    /** Keys and tensor names (llama.cpp caps names at 64 bytes; keys are short). */
    public static final long MAX_KEY_BYTES = 64L * 1024;
    /** Far above any real model (a few thousand tensors); bounds the memory of the tensor list. */
    public static final long MAX_TENSORS = 1L << 20;
    public static final long MAX_KVS = 1L << 20;
    public static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    /** Smallest tensor info: name length, n_dims, one dim, type, offset. */
    private static final int MIN_TENSOR_INFO = 8 + 4 + 8 + 4 + 8;
    /** Smallest KV: key length, value type, a one-byte value. */
    private static final int MIN_KV = 8 + 4 + 1;

    private GgufReader() {
    }

    public static GgufHeader read(Path path) {
        try (ByteSource src = ByteSource.open(path)) {
            return read(src, path.toString());
        } catch (NoSuchFileException e) {
            throw RunyardException.notFound("file not found: " + path, "check the path");
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read " + path + ": " + e.getMessage(),
                    "check the file is readable", e);
        }
    }

    /** True when the file starts with the GGUF magic. */
    public static boolean looksLikeGguf(Path path) {
        if (!Files.isRegularFile(path)) {
            return false; // never open a FIFO or device just to look
        }
        try (var in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(4), "GGUF".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    public static GgufHeader read(ByteSource source, String name) {
        GgufCursor c = new GgufCursor(source, name, MAX_HEADER_BYTES);
        byte[] magic = c.bytes(4, "magic");
        if (!Arrays.equals(magic, "GGUF".getBytes(StandardCharsets.US_ASCII))) {
            throw c.error(0, "magic", "not a GGUF file (starts with " + hex(magic) + ")");
        }
        long version = c.u32("version");
        if (version != 2 && version != 3) {
            String why = (version & 0xffff) == 0 && version != 0
                    ? "looks big-endian (version " + Long.reverseBytes(version << 32) + "); only little-endian is supported"
                    : "version " + version + " is not supported (only 2 and 3)";
            throw c.error(4, "version", why);
        }
        long tensorCount = count(c, "tensor_count", MAX_TENSORS, MIN_TENSOR_INFO);
        long kvCount = count(c, "kv_count", MAX_KVS, MIN_KV);
        Map<String, Object> metadata = new LinkedHashMap<>();
        long alignmentAt = -1;
        for (long i = 0; i < kvCount; i++) {
            long at = c.position();
            String key = c.string(MAX_KEY_BYTES, "kv[" + i + "].key");
            if (metadata.containsKey(key)) {
                throw c.error(at, "kv[" + i + "].key", "duplicate key '" + key + "'");
            }
            long typeAt = c.position();
            long typeId = c.u32(key + " type");
            GgufValueType type = GgufValueType.byId(typeId)
                    .orElseThrow(() -> c.error(typeAt, key + " type", "unknown value type " + typeId));
            if (key.equals("general.alignment")) {
                alignmentAt = c.position();
            }
            metadata.put(key, type == GgufValueType.ARRAY ? array(c, key) : scalar(c, type, key));
        }
        int alignment = alignment(c, metadata, alignmentAt);
        List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(tensorInfo(c, i, alignment, names));
        }
        long headerBytes = c.position();
        GgufHeader header = new GgufHeader(name, (int) version, metadata, tensors, alignment, headerBytes);
        checkDataLayout(c, header, source.size());
        return header;
    }

    private static long count(GgufCursor c, String field, long max, int minEach) {
        long at = c.position();
        long n = c.u64(field);
        if (n > max) {
            throw c.error(at, field, n + " is more than the limit of " + max);
        }
        if (n * minEach > c.remaining()) {
            throw c.error(at, field, n + " entries cannot fit in the " + c.remaining() + " bytes left");
        }
        return n;
    }

    private static Object scalar(GgufCursor c, GgufValueType type, String field) {
        return switch (type) {
            case UINT8 -> (long) c.u8(field);
            case INT8 -> (long) (byte) c.u8(field);
            case UINT16 -> (long) c.u16(field);
            case INT16 -> (long) (short) c.u16(field);
            case UINT32 -> c.u32(field);
            case INT32 -> (long) (int) c.u32(field);
            case FLOAT32 -> (double) c.f32(field);
            case BOOL -> c.u8(field) != 0;
            case STRING -> c.string(MAX_STRING_BYTES, field);
            case UINT64 -> unsigned(c.i64(field));
            case INT64 -> c.i64(field);
            case FLOAT64 -> c.f64(field);
            case ARRAY -> throw new IllegalStateException("arrays are read by array()");
        };
    }

    private static Object unsigned(long v) {
        return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v));
    }

    /** Keeps type, length and a few leading values; strings are skipped so vocabularies never sit in memory. */
    private static GgufArray array(GgufCursor c, String key) {
        long typeAt = c.position();
        long typeId = c.u32(key + " element type");
        GgufValueType type = GgufValueType.byId(typeId)
                .orElseThrow(() -> c.error(typeAt, key + " element type", "unknown value type " + typeId));
        if (type == GgufValueType.ARRAY) {
            throw c.error(typeAt, key + " element type", "nested arrays are not supported");
        }
        long countAt = c.position();
        long n = c.u64(key + " length");
        if (n > c.remaining() / type.minBytes()) {
            throw c.error(countAt, key + " length", n + " elements cannot fit in the " + c.remaining() + " bytes left");
        }
        List<Object> head = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            if (type == GgufValueType.STRING) {
                c.skipString(MAX_STRING_BYTES, key + "[" + i + "]");
            } else if (i < GgufArray.HEAD_LIMIT) {
                head.add(scalar(c, type, key + "[" + i + "]"));
            } else {
                c.skip(Math.multiplyExact(n - i, (long) type.minBytes()), key + "[" + i + "...]");
                break;
            }
        }
        return new GgufArray(type, n, head);
    }

    private static int alignment(GgufCursor c, Map<String, Object> metadata, long at) {
        Object a = metadata.get("general.alignment");
        if (a == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!(a instanceof Long l) || l <= 0 || l > (1 << 30) || Long.bitCount(l) != 1) {
            throw c.error(at, "general.alignment", "must be a power of two integer, got " + a);
        }
        return (int) (long) l;
    }

    private static GgufTensorInfo tensorInfo(GgufCursor c, long i, int alignment, Set<String> names) {
        String field = "tensor[" + i + "]";
        long at = c.position();
        String name = c.string(MAX_KEY_BYTES, field + ".name");
        if (!names.add(name)) {
            throw c.error(at, field + ".name", "duplicate tensor name '" + name + "'");
        }
        field = "tensor '" + name + "'";
        long dimsAt = c.position();
        long nDims = c.u32(field + " n_dims");
        if (nDims < 1 || nDims > MAX_DIMS) {
            throw c.error(dimsAt, field + " n_dims", "must be 1 to " + MAX_DIMS + ", got " + nDims);
        }
        long[] shape = new long[(int) nDims];
        long elements = 1;
        for (int d = 0; d < nDims; d++) {
            long dimAt = c.position();
            shape[d] = c.i64(field + " dims[" + d + "]");
            if (shape[d] <= 0) {
                throw c.error(dimAt, field + " dims[" + d + "]", "must be positive, got " + Long.toUnsignedString(shape[d]));
            }
            try {
                elements = Math.multiplyExact(elements, shape[d]);
            } catch (ArithmeticException e) {
                throw c.error(dimAt, field + " dims[" + d + "]", "element count overflows 64 bits");
            }
        }
        long typeAt = c.position();
        long typeId = c.u32(field + " type");
        String typeField = field + " type";
        GgmlType type = GgmlType.byId((int) Math.min(typeId, Integer.MAX_VALUE))
                .orElseThrow(() -> c.error(typeAt, typeField, "unknown GGML type id " + typeId));
        if (shape[0] % type.blockSize() != 0) {
            throw c.error(typeAt, typeField, type + " needs ne0 to be a multiple of " + type.blockSize()
                    + ", got " + shape[0]);
        }
        long offsetAt = c.position();
        long offset = c.u64(field + " offset");
        if (offset % alignment != 0) {
            throw c.error(offsetAt, field + " offset", offset + " is not a multiple of the alignment " + alignment);
        }
        try {
            Math.addExact(offset, type.bytes(elements, shape[0]));
        } catch (ArithmeticException e) {
            throw c.error(offsetAt, field + " offset", "offset plus tensor size overflows 64 bits");
        }
        return new GgufTensorInfo(name, shape, type, offset);
    }

    /** Tensors must not overlap and, when the size is known, must end inside the file (catches truncation). */
    private static void checkDataLayout(GgufCursor c, GgufHeader h, long fileSize) {
        long dataStart;
        try {
            dataStart = h.dataOffset();
        } catch (ArithmeticException e) {
            throw c.error(h.headerBytes(), "data section", "aligned data offset overflows");
        }
        List<GgufTensorInfo> byOffset = new ArrayList<>(h.tensors());
        byOffset.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        long end = 0;
        String last = null;
        for (GgufTensorInfo t : byOffset) {
            if (t.offset() < end) {
                throw c.error(-1, "tensor '" + t.name() + "' offset", "data at " + t.offset() + " overlaps tensor '"
                        + last + "' ending at " + end);
            }
            end = t.offset() + t.bytes();
            last = t.name();
        }
        if (fileSize >= 0 && last != null && end > fileSize - dataStart) {
            long need;
            try {
                need = Math.addExact(dataStart, end);
            } catch (ArithmeticException e) {
                need = Long.MAX_VALUE;
            }
            throw c.error(fileSize, "tensor '" + last + "' data", "tensor data ends at byte " + need
                    + " but the file has " + fileSize + " bytes (truncated?)");
        }
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
