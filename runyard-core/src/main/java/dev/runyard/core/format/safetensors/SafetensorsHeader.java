package dev.runyard.core.format.safetensors;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The header of a safetensors file, or of a sharded set merged: {@code __metadata__} strings, tensors, and the
 * header length in bytes (the 8-byte length prefix included; summed over shards).
 */
public record SafetensorsHeader(String source, Map<String, String> metadata, List<SafetensorsTensor> tensors,
                                long headerBytes) {
    public SafetensorsHeader {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = List.copyOf(tensors);
    }

    public long parameterCount() {
        long n = 0;
        for (SafetensorsTensor t : tensors) {
            n = Math.addExact(n, t.elements());
        }
        return n;
    }

    public long tensorBytes() {
        long n = 0;
        for (SafetensorsTensor t : tensors) {
            n = Math.addExact(n, t.bytes());
        }
        return n;
    }

    public Map<SafetensorsDtype, Long> bytesByDtype() {
        Map<SafetensorsDtype, Long> m = new EnumMap<>(SafetensorsDtype.class);
        for (SafetensorsTensor t : tensors) {
            m.merge(t.dtype(), t.bytes(), Math::addExact);
        }
        return m;
    }

    public Map<SafetensorsDtype, Long> paramsByDtype() {
        Map<SafetensorsDtype, Long> m = new EnumMap<>(SafetensorsDtype.class);
        for (SafetensorsTensor t : tensors) {
            m.merge(t.dtype(), t.elements(), Math::addExact);
        }
        return m;
    }

    /** The dtype holding the most bytes: what the checkpoint is "in". */
    public Optional<SafetensorsDtype> dominantDtype() {
        return bytesByDtype().entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    public double bitsPerWeight() {
        long params = parameterCount();
        return params == 0 ? 0 : tensorBytes() * 8.0 / params;
    }
}
