package dev.runyard.core.estimate;

/** What one device holds. Bytes; {@code total} is the sum of the parts. */
public record DeviceUsage(String name, long weightsBytes, long kvCacheBytes, long computeBytes, long overheadBytes) {
    public long totalBytes() {
        return weightsBytes + kvCacheBytes + computeBytes + overheadBytes;
    }
}
