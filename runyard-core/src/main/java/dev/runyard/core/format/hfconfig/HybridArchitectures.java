package dev.runyard.core.format.hfconfig;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import java.util.List;

/**
 * Readers for families that mix layer kinds: Gated DeltaNet + attention (Qwen3-Next, Qwen 3.5/3.6), Mamba2 +
 * attention (Nemotron-H, Granite 4 hybrid, Falcon-H1), Mamba + attention + MoE (Jamba), and DeepSeek V4's
 * compressed attention.
 */
final class HybridArchitectures {
    private HybridArchitectures() {
    }

    static void read(ArchBuilder b) {
        switch (b.type()) {
            case "qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text" -> qwenNext(b);
            case "nemotron_h" -> nemotronH(b);
            case "falcon_h1" -> falconH1(b);
            case "jamba" -> jamba(b);
            case "granitemoehybrid" -> graniteHybrid(b);
            case "deepseek_v4" -> deepseekV4(b);
            default -> throw new IllegalStateException(b.type());
        }
    }

    private static void qwenNext(ArchBuilder b) {
        HfConfig c = b.config();
        b.qkNorm(true);
        int interval = Math.max(1, c.intOr("full_attention_interval", 4));
        List<String> types = c.stringList("layer_types");
        int nk = c.requireInt("linear_num_key_heads");
        int nv = c.requireInt("linear_num_value_heads");
        int dk = c.requireInt("linear_key_head_dim");
        int dv = c.requireInt("linear_value_head_dim");
        Attention.Recurrent delta = new Attention.Recurrent(Attention.Recurrent.Kind.GATED_DELTANET, nv * dv, nk, dk,
                c.intOr("linear_conv_kernel_dim", 4), nv);
        boolean moe = c.has("num_experts") && c.intOr("num_experts", 0) > 0;
        for (int i = 0; i < b.layerCount(); i++) {
            boolean full = types.size() == b.layerCount() ? types.get(i).startsWith("full") : (i + 1) % interval == 0;
            Attention mixer = full ? withGate(b.standardAttention(i), c) : delta;
            Ffn ffn;
            if (moe) {
                int sharedFf = c.intOr("shared_expert_intermediate_size", 0);
                ffn = new Ffn.Moe(c.requireInt("num_experts"), c.requireInt("num_experts_per_tok"),
                        c.requireInt("moe_intermediate_size"), sharedFf, sharedFf > 0, false, false, true);
            } else {
                ffn = Ffn.Dense.gated(c.requireInt("intermediate_size"));
            }
            b.layer(mixer, ffn);
        }
        b.nextn(c.intOr(0, "mtp_num_hidden_layers", "num_nextn_predict_layers"), false);
    }

    private static Attention.Standard withGate(Attention.Standard a, HfConfig c) {
        return c.boolOr("attn_output_gate", true) ? a.withOutputGate() : a;
    }

    private static Attention.Recurrent mamba2(HfConfig c, int hidden, String heads, String headDim, String state,
                                              String groups, String conv) {
        int nHeads = c.requireInt(heads);
        int dHead = c.requireInt(headDim);
        return new Attention.Recurrent(Attention.Recurrent.Kind.MAMBA2, nHeads * dHead, c.intOr(1, groups),
                c.requireInt(state), c.intOr(4, conv), nHeads);
    }

    /**
     * Nemotron-H and Nemotron 3: one mixer per layer from {@code hybrid_override_pattern} (newer configs, Nemotron 3
     * Ultra and 3.5, list {@code layers_block_type} words instead; Ultra leaves {@code num_hidden_layers} null), MoE
     * experts in a latent space when {@code moe_latent_size} is set (LatentMoE).
     */
    private static void nemotronH(ArchBuilder b) {
        HfConfig c = b.config();
        String pattern = c.optString("hybrid_override_pattern").orElseGet(() -> blockTypePattern(c));
        if (pattern.length() != b.layerCount()) {
            throw ArchitectureReader.invalid(c, "hybrid_override_pattern or layers_block_type must name one block per "
                    + "layer");
        }
        int latent = c.intOr(0, "moe_latent_size");
        Attention.Recurrent m = mamba2(c, b.hidden(), "mamba_num_heads", "mamba_head_dim", "ssm_state_size",
                "n_groups", "conv_kernel");
        b.norms(1);
        for (int i = 0; i < b.layerCount(); i++) {
            char k = pattern.charAt(i);
            switch (k) {
                case 'M' -> b.layer(m, new Ffn.None());
                case '*' -> b.layer(b.standardAttention(i), new Ffn.None());
                case '-' -> b.layer(new Attention.None(), new Ffn.Dense(c.requireInt("intermediate_size"), false, false));
                case 'E' -> {
                    int ff = c.requireInt("moe_intermediate_size");
                    int shared = c.intOr(0, "moe_shared_expert_intermediate_size")
                            * Math.max(1, c.intOr(1, "n_shared_experts"));
                    b.layer(new Attention.None(), new Ffn.Moe(c.requireInt("n_routed_experts"),
                            c.requireInt("num_experts_per_tok"), ff, shared, false, true, false, false, latent));
                }
                default -> throw ArchitectureReader.invalid(c, "unknown layer kind '" + k + "' in hybrid_override_pattern");
            }
        }
        // Nemotron 3 Super/Ultra/3.5 ship an MTP block (attention + MoE, mtp_hybrid_override_pattern "*E") that
        // published totals include; counted as a copy of the last (MoE) layer, its small attention part left out.
        // llama.cpp's converter drops it.
        b.nextn(c.intOr(0, "num_nextn_predict_layers"), false);
    }

    /** {@code layers_block_type} ("mamba", "attention", "mlp", "moe") as a {@code hybrid_override_pattern}. */
    private static String blockTypePattern(HfConfig c) {
        StringBuilder p = new StringBuilder();
        for (String t : c.stringList("layers_block_type")) {
            p.append(switch (t) {
                case "mamba" -> 'M';
                case "attention" -> '*';
                case "mlp" -> '-';
                case "moe" -> 'E';
                default -> throw ArchitectureReader.invalid(c, "unknown layers_block_type \"" + t + "\"");
            });
        }
        return p.toString();
    }

    private static void falconH1(ArchBuilder b) {
        HfConfig c = b.config();
        int nHeads = c.requireInt("mamba_n_heads");
        int dHead = c.intOr(0, "mamba_d_head");
        int dInner = c.intOr(dHead * nHeads, "mamba_d_ssm");
        Attention.Recurrent m = new Attention.Recurrent(Attention.Recurrent.Kind.MAMBA2, dInner,
                c.intOr(1, "mamba_n_groups"), c.requireInt("mamba_d_state"), c.intOr(4, "mamba_d_conv"), nHeads);
        int ff = c.requireInt("intermediate_size");
        for (int i = 0; i < b.layerCount(); i++) {
            b.layer(b.standardAttention(i), Ffn.Dense.gated(ff), m);
        }
    }

    private static void jamba(ArchBuilder b) {
        HfConfig c = b.config();
        int period = c.intOr(8, "attn_layer_period");
        int offset = c.intOr(4, "attn_layer_offset");
        int ePeriod = c.intOr(2, "expert_layer_period");
        int eOffset = c.intOr(1, "expert_layer_offset");
        int inner = c.intOr(2, "mamba_expand") * b.hidden();
        int dtRank = c.intOr((b.hidden() + 15) / 16, "mamba_dt_rank");
        Attention.Recurrent m = new Attention.Recurrent(Attention.Recurrent.Kind.MAMBA, inner, 0,
                c.intOr(16, "mamba_d_state"), c.intOr(4, "mamba_d_conv"), dtRank);
        int ff = c.requireInt("intermediate_size");
        int experts = c.intOr(1, "num_experts");
        for (int i = 0; i < b.layerCount(); i++) {
            Attention mixer = i % period == offset ? b.standardAttention(i) : m;
            Ffn ffn = experts > 1 && i % ePeriod == eOffset
                    ? new Ffn.Moe(experts, c.requireInt("num_experts_per_tok"), ff, 0, false, false, false, true)
                    : Ffn.Dense.gated(ff);
            b.layer(mixer, ffn);
        }
    }

    private static void graniteHybrid(ArchBuilder b) {
        HfConfig c = b.config();
        List<String> types = c.stringList("layer_types");
        Attention.Recurrent m = mamba2(c, b.hidden(), "mamba_n_heads", "mamba_d_head", "mamba_d_state",
                "mamba_n_groups", "mamba_d_conv");
        int experts = c.intOr(0, "num_local_experts");
        int shared = c.intOr(0, "shared_intermediate_size");
        for (int i = 0; i < b.layerCount(); i++) {
            boolean attn = types.size() == b.layerCount() && types.get(i).startsWith("attention");
            Ffn ffn = experts > 0
                    ? new Ffn.Moe(experts, c.requireInt("num_experts_per_tok"), c.requireInt("intermediate_size"),
                    shared, false, false, false, true)
                    : Ffn.Dense.gated(shared > 0 ? shared : c.requireInt("intermediate_size"));
            b.layer(attn ? b.standardAttention(i) : m, ffn);
        }
    }

    private static void deepseekV4(ArchBuilder b) {
        HfConfig c = b.config();
        List<Long> ratios = c.longList("compress_ratios");
        int window = c.intOr("sliding_window", 128);
        int experts = c.requireInt("n_routed_experts");
        int used = c.requireInt("num_experts_per_tok");
        int ff = c.requireInt("moe_intermediate_size");
        int shared = c.intOr("n_shared_experts", 1) * ff;
        for (int i = 0; i < b.layerCount(); i++) {
            int ratio = i < ratios.size() ? ratios.get(i).intValue() : 0;
            Attention.Compressed a = new Attention.Compressed(b.heads(), c.requireInt("head_dim"),
                    c.requireInt("q_lora_rank"), c.intOr("o_groups", 8), c.requireInt("o_lora_rank"), window, ratio,
                    ratio == 4 ? c.intOr("index_n_heads", 64) : 0, c.intOr("index_head_dim", 128));
            b.layer(a, new Ffn.Moe(experts, used, ff, shared, false, true, false, true));
        }
        b.nextn(c.intOr("num_nextn_predict_layers", 0), false);
        b.warn("DeepSeek V4 compressor and indexer shapes follow the config's semantics, not a published tensor list");
    }
}
