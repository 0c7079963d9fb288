package dev.runyard.core.model;

import java.util.List;

/**
 * A model's architecture, normalised from its {@code config.json} (or GGUF metadata) into the facts that decide
 * memory and speed: widths, the kind of every layer, experts, and what sits outside the blocks.
 *
 * @param modelType      the config's {@code model_type} (of the language model for multimodal configs)
 * @param ggufArch       llama.cpp's name for the architecture ({@code general.architecture}), used by its rules
 * @param hidden         the residual width ({@code hidden_size})
 * @param vocab          vocabulary size
 * @param tiedEmbeddings whether the output projection reuses the token embedding
 * @param layers         every block, in order
 * @param nextnLayers    multi-token-prediction blocks after the main ones (DeepSeek/GLM "NextN")
 * @param nextnInGguf    whether llama.cpp's converter writes those blocks to GGUF (GLM does, DeepSeek does not)
 * @param normsPerLayer  norm vectors per block (2 for pre-norm, 4 for Gemma's sandwich norms)
 * @param maxContext     the trained context ({@code max_position_embeddings}), 0 if unknown
 * @param visionParams   parameters of a vision/audio tower shipped with the model (not in the text GGUF), 0 if none
 * @param generic        true when the {@code model_type} is unknown and a generic transformer was assumed
 * @param checkpointQuant the checkpoint's {@code quantization_config.quant_method} (e.g. mxfp4, fp8), or "" if none
 * @param warnings       assumptions the reader had to make
 * @param extras         per-layer embeddings, AltUp/LAuReL and other parts outside the ordinary blocks (Gemma 3n/4)
 */
public record ModelArchitecture(String modelType, String ggufArch, int hidden, int vocab, boolean tiedEmbeddings,
                                List<Layer> layers, int nextnLayers, boolean nextnInGguf, int normsPerLayer,
                                long maxContext, long visionParams, boolean generic, String checkpointQuant,
                                List<String> warnings, BlockExtras extras) {
    public ModelArchitecture {
        if (hidden <= 0 || vocab <= 0 || layers.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs hidden size, vocabulary and layers");
        }
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
        extras = extras == null ? BlockExtras.NONE : extras;
    }

    public ModelArchitecture(String modelType, String ggufArch, int hidden, int vocab, boolean tiedEmbeddings,
                             List<Layer> layers, int nextnLayers, boolean nextnInGguf, int normsPerLayer,
                             long maxContext, long visionParams, boolean generic, String checkpointQuant,
                             List<String> warnings) {
        this(modelType, ggufArch, hidden, vocab, tiedEmbeddings, layers, nextnLayers, nextnInGguf, normsPerLayer,
                maxContext, visionParams, generic, checkpointQuant, warnings, BlockExtras.NONE);
    }

    public int layerCount() {
        return layers.size();
    }

    public boolean isMoe() {
        return layers.stream().anyMatch(l -> l.ffn() instanceof Ffn.Moe);
    }

    /** Query heads of the first attention layer (what tensor parallelism must divide), 0 if none. */
    public int attentionHeads() {
        for (Layer l : layers) {
            Attention a = l.attention();
            if (a instanceof Attention.Standard s) {
                return s.heads();
            }
            if (a instanceof Attention.Mla m) {
                return m.heads();
            }
            if (a instanceof Attention.Compressed c) {
                return c.heads();
            }
        }
        return 0;
    }

    /** Routed experts per MoE layer (0 for dense models). */
    public int expertCount() {
        return layers.stream().map(Layer::ffn).filter(f -> f instanceof Ffn.Moe)
                .mapToInt(f -> ((Ffn.Moe) f).experts()).max().orElse(0);
    }
}
