package dev.runyard.core.hardware;

import java.util.Objects;

/**
 * One GPU of a machine, detected or described on the command line.
 *
 * @param index             the device index the vendor tool printed (0 when unknown)
 * @param name              the name as the tool printed it ("NVIDIA GeForce RTX 4090")
 * @param acceleratorId     the matching accelerator database id, or null when the name is not in the database
 * @param memoryTotalBytes  memory the GPU can use; for Apple unified memory, the GPU working-set limit
 * @param memoryFreeBytes   memory not held by anything right now (equal to the total when unknown)
 * @param backend           runtime backend hint (null: the vendor's default)
 * @param driver            driver or runtime version when the tool printed one, else null
 */
public record GpuDevice(int index, String name, GpuVendor vendor, String acceleratorId, long memoryTotalBytes,
                        long memoryFreeBytes, Backend backend, String driver) {
    public GpuDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        if (memoryTotalBytes < 0 || memoryFreeBytes < 0) {
            throw new IllegalArgumentException("GPU memory must not be negative: " + name);
        }
        memoryFreeBytes = Math.min(memoryFreeBytes, memoryTotalBytes);
        backend = backend == null ? vendor.defaultBackend() : backend;
    }

    public GpuDevice withAcceleratorId(String id) {
        return new GpuDevice(index, name, vendor, id, memoryTotalBytes, memoryFreeBytes, backend, driver);
    }

    public GpuDevice withIndex(int i) {
        return new GpuDevice(i, name, vendor, acceleratorId, memoryTotalBytes, memoryFreeBytes, backend, driver);
    }

    /** Total and free set to the same size: a GPU as described, not as measured. */
    public GpuDevice withMemory(long totalBytes, long freeBytes) {
        return new GpuDevice(index, name, vendor, acceleratorId, totalBytes, freeBytes, backend, driver);
    }
}
