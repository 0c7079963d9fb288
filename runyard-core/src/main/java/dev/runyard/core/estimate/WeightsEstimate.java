package dev.runyard.core.estimate;

import java.util.Map;

/**
 * Weight memory: total bytes, bytes by storage type (GGML type or checkpoint dtype), the embedding's share (which
 * llama.cpp keeps in host memory), the per-layer bytes that placement splits across devices, and the bytes of routed
 * expert stacks (of which a token reads only the experts it is routed to).
 *
 * @param hostInputBytes other input tensors that only feed row lookups and stay in host memory like the embedding
 *                       (Gemma 3n/4's per-layer embedding table {@code per_layer_token_embd}); 0 for most models
 * @param hostInputType  their storage type (GGML type name), "" when there are none
 */
public record WeightsEstimate(long bytes, Map<String, Long> bytesByType, long tensorCount, long embeddingBytes,
                              long outputBytes, long[] layerBytes, long expertBytes, String method,
                              long hostInputBytes, String hostInputType) {
    public WeightsEstimate {
        // Sorted: Map.copyOf iterates in an order that changes from one JVM run to the next, and the breakdown
        // prints this map, so the same question gave differently ordered JSON on every run.
        bytesByType = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(bytesByType));
        layerBytes = layerBytes.clone();
        hostInputType = hostInputType == null ? "" : hostInputType;
    }

    public WeightsEstimate(long bytes, Map<String, Long> bytesByType, long tensorCount, long embeddingBytes,
                           long outputBytes, long[] layerBytes, long expertBytes, String method) {
        this(bytes, bytesByType, tensorCount, embeddingBytes, outputBytes, layerBytes, expertBytes, method, 0, "");
    }

    /** Name of the per-layer embedding table, the one input tensor besides {@code token_embd} (Gemma 3n/4). */
    public static final String PER_LAYER_EMBEDDING = "per_layer_token_embd.weight";

    /** Bytes that only feed row lookups: the token embedding and the per-layer embedding table. */
    public long lookupBytes() {
        return embeddingBytes + hostInputBytes;
    }

    @Override
    public long[] layerBytes() {
        return layerBytes.clone();
    }

    /** The per-layer bytes without a copy, for the layout's hot loop: callers in this package must not write to it. */
    long[] layerBytesShared() {
        return layerBytes;
    }

    /** Effective bits per weight over {@code params} parameters. */
    public double bitsPerWeight(long params) {
        return params == 0 ? 0 : bytes * 8.0 / params;
    }
}
