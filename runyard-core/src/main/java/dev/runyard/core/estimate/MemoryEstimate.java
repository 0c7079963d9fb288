package dev.runyard.core.estimate;

import java.util.List;

/**
 * A memory estimate with its breakdown and assumptions. For vLLM and SGLang, {@code weightsBytes} and
 * {@code kvBytesPerToken} are per GPU and the capacity fields are set; otherwise they are null.
 */
public record MemoryEstimate(String engine, String quant, long ctx, long params, long activeParams, long weightsBytes,
                             long kvCacheBytes, long computeBytes, long overheadBytes, List<DeviceUsage> devices,
                             List<Part> breakdown, List<String> warnings, Long kvBytesPerToken, Long kvCapacityTokens,
                             Double maxConcurrency, double bitsPerWeight) {
    public MemoryEstimate {
        devices = List.copyOf(devices);
        breakdown = List.copyOf(breakdown);
        warnings = List.copyOf(warnings);
    }

    /** The same estimate with {@code extra} warnings appended (e.g. from reading the hardware description). */
    public MemoryEstimate withWarnings(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(extra);
        return new MemoryEstimate(engine, quant, ctx, params, activeParams, weightsBytes, kvCacheBytes, computeBytes,
                overheadBytes, devices, breakdown, all, kvBytesPerToken, kvCapacityTokens, maxConcurrency, bitsPerWeight);
    }

    public long totalBytes() {
        return weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
    }
}
