package dev.runyard.core.format.gguf;

import dev.runyard.core.quant.GgmlType;
import dev.runyard.core.quant.GgufFileType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A GGUF header: version, metadata (scalars as {@code Long}, {@code Double}, {@code Boolean}, {@code String} or, for
 * u64 values past {@code Long.MAX_VALUE}, {@code BigInteger}; arrays as {@link GgufArray} summaries), tensor infos,
 * alignment and the header's length in bytes (for a merged split set, the sum over its shards).
 */
public record GgufHeader(String source, int version, Map<String, Object> metadata, List<GgufTensorInfo> tensors,
                         int alignment, long headerBytes) {
    public GgufHeader {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two: " + alignment);
        }
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    public Optional<Object> get(String key) {
        return Optional.ofNullable(metadata.get(key));
    }

    public Optional<String> string(String key) {
        return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** An integer value of any GGUF integer type. */
    public OptionalLong integer(String key) {
        return metadata.get(key) instanceof Long l ? OptionalLong.of(l) : OptionalLong.empty();
    }

    /** {@code general.architecture}, e.g. "llama", "qwen3moe". */
    public Optional<String> architecture() {
        return string("general.architecture");
    }

    /** {@code general.file_type} as a llama.cpp file type; empty when absent or an id we do not know. */
    public Optional<GgufFileType> fileType() {
        OptionalLong id = integer("general.file_type");
        if (id.isEmpty() || id.getAsLong() < 0 || id.getAsLong() > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return GgufFileType.byId((int) id.getAsLong());
    }

    /** {@code <arch>.context_length}: the training context. */
    public OptionalLong contextLength() {
        return architecture().map(a -> integer(a + ".context_length")).orElse(OptionalLong.empty());
    }

    public long parameterCount() {
        long n = 0;
        for (GgufTensorInfo t : tensors) {
            n = Math.addExact(n, t.elements());
        }
        return n;
    }

    public long tensorBytes() {
        long n = 0;
        for (GgufTensorInfo t : tensors) {
            n = Math.addExact(n, t.bytes());
        }
        return n;
    }

    /** Tensor bytes per GGML type, in the order of {@link GgmlType}. */
    public Map<GgmlType, Long> bytesByType() {
        Map<GgmlType, Long> m = new EnumMap<>(GgmlType.class);
        for (GgufTensorInfo t : tensors) {
            m.merge(t.type(), t.bytes(), Math::addExact);
        }
        return m;
    }

    /** Average bits per weight over all tensors (0 for a header without tensors). */
    public double bitsPerWeight() {
        long params = parameterCount();
        return params == 0 ? 0 : tensorBytes() * 8.0 / params;
    }

    /** Tensor bytes of each {@code blk.N.} block, by N; tensors outside the blocks are left out. */
    public SortedMap<Integer, Long> bytesPerLayer() {
        SortedMap<Integer, Long> m = new TreeMap<>();
        for (GgufTensorInfo t : tensors) {
            int layer = t.layer();
            if (layer >= 0) {
                m.merge(layer, t.bytes(), Math::addExact);
            }
        }
        return m;
    }

    /** Where tensor data starts: the header length rounded up to the alignment. */
    public long dataOffset() {
        return Math.multiplyExact(Math.addExact(headerBytes, alignment - 1) / alignment, (long) alignment);
    }

    /** This header with the tensors of further shards appended (metadata stays this one's). */
    GgufHeader withMoreTensors(List<GgufTensorInfo> more, long moreHeaderBytes) {
        List<GgufTensorInfo> all = new ArrayList<>(tensors);
        all.addAll(more);
        return new GgufHeader(source, version, metadata, all, alignment, Math.addExact(headerBytes, moreHeaderBytes));
    }
}
