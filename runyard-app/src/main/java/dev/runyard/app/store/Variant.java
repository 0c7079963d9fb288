package dev.runyard.app.store;

import java.util.List;
import java.util.Objects;

/**
 * A quantized repository of a model (GGUF, AWQ, GPTQ, FP8, MLX …), the quantizations it offers, and the listing of
 * its files when one was read ({@code listing} null: the repo is known, its files are not).
 */
public record Variant(String repoId, String format, List<String> quants, String source, Origin origin,
                      Listing listing) {
    public Variant {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(format, "format");
        quants = quants == null ? List.of() : List.copyOf(quants);
        origin = origin == null ? Origin.BUNDLED : origin;
    }

    public Variant(String repoId, String format, List<String> quants, String source, Origin origin) {
        this(repoId, format, quants, source, origin, null);
    }
}
