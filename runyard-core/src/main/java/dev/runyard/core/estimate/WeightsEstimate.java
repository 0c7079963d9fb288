package dev.runyard.core.estimate;

import java.util.Map;

/**
 * Weight memory: total bytes, bytes by storage type (GGML type or checkpoint dtype), the embedding's share (which
 * llama.cpp keeps in host memory), the per-layer bytes that placement splits across devices, and the bytes of routed
 * expert stacks (of which a token reads only the experts it is routed to).
 */
public record WeightsEstimate(long bytes, Map<String, Long> bytesByType, long tensorCount, long embeddingBytes,
                              long outputBytes, long[] layerBytes, long expertBytes, String method) {
    public WeightsEstimate {
        bytesByType = Map.copyOf(bytesByType);
        layerBytes = layerBytes.clone();
    }

    @Override
    public long[] layerBytes() {
        return layerBytes.clone();
    }

    /** Effective bits per weight over {@code params} parameters. */
    public double bitsPerWeight(long params) {
        return params == 0 ? 0 : bytes * 8.0 / params;
    }
}
