package dev.runyard.app.sync;

import dev.runyard.app.store.Listing;
import java.util.List;

/** What a Hub repository is to the catalog: a model of its own, or a quantized variant of a base model. */
public sealed interface RepoKind {
    /** A model (possibly a fine-tune or distill of {@code baseModel}). */
    record Model(String baseModel, boolean distill) implements RepoKind { }

    /**
     * A quantized copy of {@code baseModel} in {@code format} (GGUF, AWQ, GPTQ, FP8, MLX …), with its quants and the
     * listing of its files (null when the answer had none).
     */
    record Quantized(String baseModel, String format, List<String> quants, Listing listing) implements RepoKind {
        Quantized(String baseModel, String format, List<String> quants) {
            this(baseModel, format, quants, null);
        }
    }
}
