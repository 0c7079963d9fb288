package dev.runyard.app.store;

import java.util.List;
import java.util.Objects;

/** A quantized repository of a model (GGUF, AWQ, GPTQ, FP8, MLX …) and the quantizations it offers. */
public record Variant(String repoId, String format, List<String> quants, String source, Origin origin) {
    public Variant {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(format, "format");
        quants = quants == null ? List.of() : List.copyOf(quants);
        origin = origin == null ? Origin.BUNDLED : origin;
    }
}
