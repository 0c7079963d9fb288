package dev.runyard.core.hardware;

import java.util.Locale;

/**
 * Who made a GPU (or an accelerator of the database), with the name the database and pages show and the backend
 * llama.cpp-style runtimes use for it by default. Text (database rows, probe output) is parsed once with {@link #of}.
 */
public enum GpuVendor {
    NVIDIA("NVIDIA", Backend.CUDA),
    AMD("AMD", Backend.ROCM),
    INTEL("Intel", Backend.SYCL),
    APPLE("Apple", Backend.METAL),
    /** Anyone else, and the database's vendor-neutral rows (CPU memory systems, shown as "Generic"). */
    OTHER("Generic", Backend.VULKAN);

    private final String displayName;
    private final Backend defaultBackend;

    GpuVendor(String displayName, Backend defaultBackend) {
        this.displayName = displayName;
        this.defaultBackend = defaultBackend;
    }

    /** As the accelerator database writes it: "NVIDIA", "AMD", "Intel", "Apple", "Generic". */
    public String displayName() {
        return displayName;
    }

    public Backend defaultBackend() {
        return defaultBackend;
    }

    /** From a database vendor ("NVIDIA", "AMD", "Apple") or a PCI vendor id ("0x10de", "0x1002", "0x8086"). */
    public static GpuVendor of(String text) {
        if (text == null) {
            return OTHER;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.contains("nvidia") || t.equals("0x10de")) {
            return NVIDIA;
        }
        if (t.contains("amd") || t.contains("advanced micro devices") || t.equals("0x1002")) {
            return AMD;
        }
        if (t.contains("intel") || t.equals("0x8086")) {
            return INTEL;
        }
        if (t.contains("apple")) {
            return APPLE;
        }
        return OTHER;
    }
}
