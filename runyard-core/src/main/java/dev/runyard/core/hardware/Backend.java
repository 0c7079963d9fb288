package dev.runyard.core.hardware;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * The compute backend a llama.cpp-style runtime (ggml) uses on a device. Text and JSON show {@link #key()}, the
 * lower-case name llama.cpp's build options and our {@code --backend} flag use ("cuda"); user and file text is parsed
 * once, at the boundary, with {@link #parse}.
 */
public enum Backend {
    CUDA("cuda"),
    METAL("metal"),
    VULKAN("vulkan"),
    /** AMD's ROCm/HIP (llama.cpp's {@code GGML_HIP}); "hip" parses to it. */
    ROCM("rocm"),
    SYCL("sycl"),
    CPU("cpu");

    private final String key;

    Backend(String key) {
        this.key = key;
    }

    /** The lower-case name: "cuda", "metal", "vulkan", "rocm", "sycl", "cpu". */
    @JsonValue
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    /** A key in any case, or "hip" for {@link #ROCM}; empty for anything else (the caller says what is valid). */
    public static Optional<Backend> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("hip")) {
            return Optional.of(ROCM);
        }
        for (Backend b : values()) {
            if (b.key.equals(t)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
