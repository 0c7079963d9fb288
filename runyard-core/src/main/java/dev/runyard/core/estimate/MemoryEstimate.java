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

    public long totalBytes() {
        return weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
    }
}
