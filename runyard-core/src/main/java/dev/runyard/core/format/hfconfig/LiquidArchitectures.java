package dev.runyard.core.format.hfconfig;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import java.util.List;

/**
 * Liquid AI's LFM2 ({@code lfm2}) and LFM2-MoE ({@code lfm2_moe}): gated short-convolution blocks mixed with
 * grouped-query attention blocks (QK norm), each followed by a SwiGLU MLP; in LFM2-MoE the blocks after the first
 * {@code num_dense_layers} route to experts instead. Attention sits where {@code layer_types} says
 * {@code full_attention} (older configs list {@code full_attn_idxs}); every other block is a short convolution whose
 * state is the last {@code conv_L_cache - 1} inputs per channel (llama.cpp's {@code n_embd_r}), whatever the context.
 */
final class LiquidArchitectures {
    private LiquidArchitectures() {
    }

    static void read(ArchBuilder b) {
        HfConfig c = b.config();
        b.qkNorm(true).tiedDefault(c.boolOr("tie_embedding", true));
        List<String> types = c.stringList("layer_types");
        List<Long> attnIdx = c.longList("full_attn_idxs");
        if (types.size() != b.layerCount() && attnIdx.isEmpty()) {
            throw ArchitectureReader.invalid(c, "layer_types (one per layer) or full_attn_idxs is required for "
                    + b.type());
        }
        if (c.boolOr("conv_bias", false)) {
            b.warn("conv_bias is true: the short convolutions' biases are not counted");
        }
        Attention.Recurrent conv = Attention.Recurrent.shortConv(b.hidden(), c.intOr("conv_L_cache", 3));
        boolean moe = b.type().equals("lfm2_moe");
        int dense = moe ? c.intOr("num_dense_layers", 0) : b.layerCount();
        for (int i = 0; i < b.layerCount(); i++) {
            boolean attention = types.size() == b.layerCount() ? types.get(i).endsWith("attention")
                    : attnIdx.contains((long) i);
            Attention mixer = attention ? b.standardAttention(i) : conv;
            Ffn ffn = i < dense ? Ffn.Dense.gated(moe ? c.requireInt("intermediate_size") : denseFf(c))
                    : new Ffn.Moe(c.requireInt("num_experts"), c.requireInt("num_experts_per_tok"),
                    c.requireInt("moe_intermediate_size"), 0, false, c.boolOr("use_expert_bias", false), false, true);
            b.layer(mixer, ffn);
        }
    }

    /**
     * The dense MLP width as transformers' {@code Lfm2MLP} computes it: {@code block_ff_dim} (or
     * {@code intermediate_size}), and with {@code block_auto_adjust_ff_dim} two thirds of it, times
     * {@code block_ffn_dim_multiplier}, rounded up to {@code block_multiple_of} (LFM2-700M: 10240 → 6912).
     */
    static int denseFf(HfConfig c) {
        long ff = c.requireLong("block_ff_dim", "intermediate_size");
        if (c.boolOr("block_auto_adjust_ff_dim", false)) {
            ff = 2 * ff / 3;
            double mult = c.optDouble("block_ffn_dim_multiplier").orElse(1.0);
            ff = (long) (mult * ff);
            long multiple = Math.max(1, c.intOr("block_multiple_of", 256));
            ff = (ff + multiple - 1) / multiple * multiple;
        }
        return Math.toIntExact(ff);
    }
}
