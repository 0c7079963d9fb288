package dev.runyard.core.estimate;

import java.util.List;

/**
 * KV cache (and recurrent state) memory: total bytes, the cells of full-attention layers after padding, and one
 * breakdown line per kind of layer.
 */
public record KvCacheEstimate(long bytes, long cells, long[] layerBytes, List<Part> parts) {
    public KvCacheEstimate {
        parts = List.copyOf(parts);
        layerBytes = layerBytes.clone();
    }

    @Override
    public long[] layerBytes() {
        return layerBytes.clone();
    }

    /** The per-layer bytes without a copy, for the layout's hot loop: callers in this package must not write to it. */
    long[] layerBytesShared() {
        return layerBytes;
    }
}
