package dev.runyard.core.model;

/**
 * The token-mixing part of one layer. Each kind keeps a different cache: standard attention keeps K and V per
 * token (within its window), MLA keeps one compressed latent per token, DeepSeek V4 keeps compressed entries plus a
 * window, recurrent layers (Mamba, Gated DeltaNet) keep a fixed-size state per sequence, and some layers keep none.
 */
public sealed interface Attention {

    /**
     * Multi-head / grouped-query / multi-query attention, optionally windowed.
     *
     * @param kvSourceLayer -1 when the layer keeps its own K/V cache; otherwise the earlier layer whose cache it reads
     *                      (Gemma 3n/4 KV sharing: the last {@code num_kv_shared_layers} layers allocate no cache)
     * @param valueFromKey  the value is the key projection itself (Gemma 4 {@code attention_k_eq_v} on global
     *                      layers): no V projection, though the cache still stores K and V separately
     */
    record Standard(int heads, int kvHeads, int headDimK, int headDimV, AttentionWindow window,
                    boolean fusedQkv, boolean qkvBias, boolean outputBias, boolean qkNorm, boolean sinks,
                    boolean outputGate, int kvSourceLayer, boolean valueFromKey)
            implements Attention {
        public Standard {
            if (heads <= 0 || kvHeads <= 0 || headDimK <= 0 || headDimV <= 0) {
                throw new IllegalArgumentException("attention dimensions must be positive");
            }
            if (kvSourceLayer < -1) {
                throw new IllegalArgumentException("kvSourceLayer is -1 (own cache) or a layer index");
            }
        }

        public Standard(int heads, int kvHeads, int headDimK, int headDimV, AttentionWindow window, boolean fusedQkv,
                        boolean qkvBias, boolean outputBias, boolean qkNorm, boolean sinks, boolean outputGate) {
            this(heads, kvHeads, headDimK, headDimV, window, fusedQkv, qkvBias, outputBias, qkNorm, sinks, outputGate,
                    -1, false);
        }

        public static Standard gqa(int heads, int kvHeads, int headDim) {
            return new Standard(heads, kvHeads, headDim, headDim, AttentionWindow.FULL, false, false, false, false, false,
                    false);
        }

        public Standard withWindow(AttentionWindow w) {
            return new Standard(heads, kvHeads, headDimK, headDimV, w, fusedQkv, qkvBias, outputBias, qkNorm, sinks,
                    outputGate, kvSourceLayer, valueFromKey);
        }

        /** Qwen3-Next/3.5 gate the attention output with a second half of the Q projection. */
        public Standard withOutputGate() {
            return new Standard(heads, kvHeads, headDimK, headDimV, window, fusedQkv, qkvBias, outputBias, qkNorm, sinks,
                    true, kvSourceLayer, valueFromKey);
        }

        /** The same attention reading layer {@code source}'s K/V cache instead of keeping one. */
        public Standard withKvFrom(int source) {
            return new Standard(heads, kvHeads, headDimK, headDimV, window, fusedQkv, qkvBias, outputBias, qkNorm, sinks,
                    outputGate, source, valueFromKey);
        }

        /** The same attention with V taken from the K projection (no V weights). */
        public Standard withValueFromKey() {
            return new Standard(heads, kvHeads, headDimK, headDimV, window, fusedQkv, qkvBias, outputBias, qkNorm, sinks,
                    outputGate, kvSourceLayer, true);
        }

        /** Whether this layer allocates a K/V cache of its own (false for a KV-sharing layer). */
        public boolean ownsKv() {
            return kvSourceLayer < 0;
        }

        /** K elements cached per token (all KV heads). */
        public long kElementsPerToken() {
            return (long) kvHeads * headDimK;
        }

        public long vElementsPerToken() {
            return (long) kvHeads * headDimV;
        }
    }

    /**
     * DeepSeek's multi-head latent attention. Caches {@code kvLoraRank + qkRopeDim} elements per token (llama.cpp and
     * vLLM both keep the latent, not per-head K/V). {@code qLoraRank} 0 means a plain Q projection (V2-Lite).
     */
    record Mla(int heads, int qLoraRank, int kvLoraRank, int qkNopeDim, int qkRopeDim, int vHeadDim)
            implements Attention {
        public long latentElementsPerToken() {
            return (long) kvLoraRank + qkRopeDim;
        }
    }

    /**
     * DeepSeek V4 attention: a single shared KV head of {@code headDim} over a sliding {@code window}, plus, when
     * {@code compressRatio} &gt; 0, entries compressed {@code compressRatio}:1 over the whole context; CSA layers
     * (ratio 4) also keep an indexer key of {@code indexerHeadDim} per compressed entry.
     */
    record Compressed(int heads, int headDim, int qLoraRank, int oGroups, int oLoraRank, int window,
                      int compressRatio, int indexerHeads, int indexerHeadDim) implements Attention {
        public Compressed {
            if (heads <= 0 || headDim <= 0 || oGroups <= 0 || oLoraRank <= 0) {
                throw new IllegalArgumentException("compressed attention needs positive heads, head_dim, o_groups and "
                        + "o_lora_rank, got " + heads + ", " + headDim + ", " + oGroups + ", " + oLoraRank);
            }
        }
    }

    /**
     * A recurrent token mixer (Mamba/Mamba2 SSM, Gated DeltaNet) whose cache is a fixed state per sequence,
     * independent of context length. For Gated DeltaNet {@code dInner} = value heads × value head dim,
     * {@code nGroup} = key heads, {@code dState} = key head dim, {@code nHeads} = value heads (llama.cpp's mapping).
     */
    record Recurrent(Kind kind, int dInner, int nGroup, int dState, int dConv, int nHeads) implements Attention {
        /**
         * SHORT_CONV is LFM2's gated short convolution: {@code dInner} = hidden width, {@code dConv} =
         * {@code conv_L_cache}, no SSM state ({@code nGroup}, {@code dState} and {@code nHeads} are 0).
         */
        public enum Kind { MAMBA, MAMBA2, GATED_DELTANET, SHORT_CONV }

        /** LFM2's short-convolution mixer over {@code width} channels with an {@code lCache}-tap kernel. */
        public static Recurrent shortConv(int width, int lCache) {
            if (width <= 0 || lCache < 2) {
                throw new IllegalArgumentException("short convolution needs a positive width and conv_L_cache >= 2");
            }
            return new Recurrent(Kind.SHORT_CONV, width, 0, 0, lCache, 0);
        }

        /** Rolling convolution state per sequence, elements (llama.cpp's {@code n_embd_r}). */
        public long convStateElements() {
            return (long) (dConv - 1) * (dInner + 2L * nGroup * dState);
        }

        /** Recurrent (SSM / delta-rule) state per sequence, elements (llama.cpp's {@code n_embd_s}). */
        public long ssmStateElements() {
            return (long) dState * dInner;
        }
    }

    /**
     * One hidden-to-hidden projection in place of attention (DeciLM / Nemotron-NAS {@code replace_with_linear},
     * llama.cpp's "linear attention" of the {@code deci} architecture): weights, no cache.
     */
    record Linear() implements Attention {
    }

    /** A layer with no token mixing that needs a cache (e.g. a pure FFN layer). */
    record None() implements Attention {
    }
}
