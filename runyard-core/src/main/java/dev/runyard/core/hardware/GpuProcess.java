package dev.runyard.core.hardware;

/** A process that holds GPU memory right now (from {@code nvidia-smi --query-compute-apps}); 0 bytes when unknown. */
public record GpuProcess(long pid, String name, long usedBytes) {
    public GpuProcess {
        name = name == null ? "" : name;
        if (usedBytes < 0) {
            throw new IllegalArgumentException("used memory must not be negative");
        }
    }
}
