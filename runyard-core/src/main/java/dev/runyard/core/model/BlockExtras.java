package dev.runyard.core.model;

/**
 * Parts some architectures add around the ordinary blocks, which the tensor inventory (and llama.cpp's placement)
 * must know about. All of them come from Gemma 3n and Gemma 4:
 *
 * @param perLayerWidth       width of the per-layer embedding (PLE, {@code hidden_size_per_layer_input}); 0 for none.
 *                            Adds a {@code per_layer_token_embd} table of {@code perLayerWidth × layers} per token
 *                            (looked up like the token embedding, so llama.cpp keeps it in host memory), a model
 *                            projection {@code hidden → perLayerWidth × layers} with its norm, and per block an input
 *                            gate, a projection back and a norm
 * @param perLayerVocab       rows of the per-layer table ({@code vocab_size_per_layer_input})
 * @param altupInputs         AltUp streams ({@code altup_num_inputs}, Gemma 3n); 0 or 1 for none
 * @param laurelRank          LAuReL low-rank residual ({@code laurel_rank}, Gemma 3n); 0 for none
 * @param layerOutputScale    a learned scalar multiplies each block's output (Gemma 4 {@code layer_scalar})
 * @param denseBesideExperts  MoE blocks also run a dense MLP beside the experts, with their own pre/post norms
 *                            (Gemma 4 26B-A4B); the MoE's {@code sharedFf} is that MLP's width
 * @param sharedKvWeights     KV-sharing layers still ship (unused) K/V projections (Gemma 3n checkpoints and GGUFs
 *                            do; Gemma 4 drops them)
 */
public record BlockExtras(int perLayerWidth, int perLayerVocab, int altupInputs, int laurelRank,
                          boolean layerOutputScale, boolean denseBesideExperts, boolean sharedKvWeights) {
    public static final BlockExtras NONE = new BlockExtras(0, 0, 0, 0, false, false, false);

    public BlockExtras {
        if (perLayerWidth < 0 || perLayerVocab < 0 || altupInputs < 0 || laurelRank < 0
                || (perLayerWidth > 0 && perLayerVocab == 0)) {
            throw new IllegalArgumentException("invalid per-layer embedding / AltUp / LAuReL sizes");
        }
    }

    public boolean hasPerLayerEmbedding() {
        return perLayerWidth > 0;
    }

    public boolean hasAltUp() {
        return altupInputs > 1;
    }
}
