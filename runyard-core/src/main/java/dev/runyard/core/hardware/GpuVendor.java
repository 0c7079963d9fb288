package dev.runyard.core.hardware;

import java.util.Locale;

/** Who made a GPU, with the backend llama.cpp-style runtimes use for it by default. */
public enum GpuVendor {
    NVIDIA("cuda"),
    AMD("rocm"),
    INTEL("sycl"),
    APPLE("metal"),
    OTHER("vulkan");

    private final String defaultBackend;

    GpuVendor(String defaultBackend) {
        this.defaultBackend = defaultBackend;
    }

    public String defaultBackend() {
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
