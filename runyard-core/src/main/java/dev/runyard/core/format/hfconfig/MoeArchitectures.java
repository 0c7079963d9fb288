package dev.runyard.core.format.hfconfig;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.Ffn;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Readers for mixture-of-experts families: which layers route to experts, their widths, shared experts, MLA. */
final class MoeArchitectures {
    private MoeArchitectures() {
    }

    static void read(ArchBuilder b) {
        switch (b.type()) {
            case "mixtral" -> uniform(b, "num_local_experts", "intermediate_size", 0, false);
            case "phimoe" -> uniform(b.fusedQkv(false).qkvBias(true), "num_local_experts", "intermediate_size", 0, false);
            case "qwen2_moe" -> qwenMoe(b.qkvBias(true), true);
            case "qwen3_moe" -> qwenMoe(b.qkNorm(true), false);
            case "olmoe" -> uniform(b.qkNorm(true), "num_experts", "intermediate_size", 0, false);
            case "granitemoe" -> uniform(b, "num_local_experts", "intermediate_size", 0, false);
            case "granitemoeshared" -> uniform(b, "num_local_experts", "intermediate_size",
                    b.config().intOr("shared_intermediate_size", 0), false);
            case "deepseek_v2", "deepseek_v3", "deepseek_v32", "kimi_k2", "glm4_moe_lite" -> deepseek(b);
            case "gpt_oss" -> gptOss(b);
            case "glm4_moe" -> glm4Moe(b);
            case "llama4", "llama4_text" -> llama4(b);
            case "minimax_m2", "minimax" -> uniform(b.qkNorm(true), "num_local_experts", "intermediate_size", 0, true);
            default -> genericMoe(b);
        }
    }

    /** Every layer MoE, routed experts of one width, optional shared expert of {@code sharedFf}. */
    private static void uniform(ArchBuilder b, String expertsKey, String ffKey, int sharedFf, boolean routerBias) {
        HfConfig c = b.config();
        int experts = c.requireInt(expertsKey);
        int used = c.requireInt("num_experts_per_tok", "num_experts_per_token", "moe_topk");
        int ff = c.requireInt(ffKey);
        for (int i = 0; i < b.layerCount(); i++) {
            b.layer(b.standardAttention(i), new Ffn.Moe(experts, used, ff, sharedFf, false, routerBias, false, true));
        }
    }

    static void genericMoe(ArchBuilder b) {
        HfConfig c = b.config();
        int experts = c.requireInt("num_experts", "num_local_experts", "n_routed_experts");
        int used = c.requireInt("num_experts_per_tok", "num_experts_per_token", "moe_topk");
        b.qkNorm(c.boolOr("use_qk_norm", false) || c.boolOr("qk_norm", false));
        int ff = c.intOr(0, "moe_intermediate_size", "expert_intermediate_size", "intermediate_size");
        if (ff == 0) {
            throw ArchitectureReader.invalid(c, "no \"moe_intermediate_size\" or \"intermediate_size\"");
        }
        int shared = c.intOr(0, "shared_expert_intermediate_size")
                + c.intOr(0, "n_shared_experts", "num_shared_experts", "num_shared_expert")
                * c.intOr(ff, "moe_intermediate_size");
        int denseLead = c.intOr(0, "first_k_dense_replace");
        int denseFf = c.intOr(ff, "intermediate_size");
        for (int i = 0; i < b.layerCount(); i++) {
            Ffn ffn = i < denseLead ? Ffn.Dense.gated(denseFf) : new Ffn.Moe(experts, used, ff, shared, false, false, false, true);
            b.layer(b.standardAttention(i), ffn);
        }
    }

    private static void qwenMoe(ArchBuilder b, boolean sharedExpert) {
        HfConfig c = b.config();
        int experts = c.requireInt("num_experts");
        int used = c.requireInt("num_experts_per_tok");
        int ff = c.requireInt("moe_intermediate_size");
        int sharedFf = sharedExpert ? c.intOr("shared_expert_intermediate_size", 0) : 0;
        int step = Math.max(1, c.intOr("decoder_sparse_step", 1));
        Set<Long> mlpOnly = new HashSet<>(c.longList("mlp_only_layers"));
        int denseFf = c.intOr("intermediate_size", ff);
        for (int i = 0; i < b.layerCount(); i++) {
            boolean moe = !mlpOnly.contains((long) i) && (i + 1) % step == 0;
            Ffn ffn = moe ? new Ffn.Moe(experts, used, ff, sharedFf, sharedFf > 0, false, false, true)
                    : Ffn.Dense.gated(denseFf);
            b.layer(b.standardAttention(i), ffn);
        }
    }

    static void deepseekLike(ArchBuilder b) {
        deepseek(b);
    }

    private static void deepseek(ArchBuilder b) {
        HfConfig c = b.config();
        Attention.Mla mla = new Attention.Mla(b.heads(), c.intOr("q_lora_rank", 0), c.requireInt("kv_lora_rank"),
                c.requireInt("qk_nope_head_dim"), c.requireInt("qk_rope_head_dim"), c.requireInt("v_head_dim"));
        int experts = c.requireInt("n_routed_experts");
        int used = c.requireInt("num_experts_per_tok");
        int ff = c.requireInt("moe_intermediate_size");
        int sharedFf = c.intOr("n_shared_experts", 0) * ff;
        int denseLead = c.intOr("first_k_dense_replace", 0);
        int freq = Math.max(1, c.intOr("moe_layer_freq", 1));
        int denseFf = c.requireInt("intermediate_size");
        // V3 routes with a learned score-correction bias (noaux_tc); V2 has none.
        boolean routerBias = "noaux_tc".equals(c.optString("topk_method").orElse(""))
                || b.type().equals("deepseek_v3") || b.type().equals("kimi_k2");
        for (int i = 0; i < b.layerCount(); i++) {
            boolean moe = i >= denseLead && i % freq == 0;
            b.layer(mla, moe ? new Ffn.Moe(experts, used, ff, sharedFf, false, routerBias, false, true)
                    : Ffn.Dense.gated(denseFf));
        }
        // The MTP block is in the checkpoint but llama.cpp's converter drops it.
        b.nextn(c.intOr("num_nextn_predict_layers", 0), false);
    }

    private static void gptOss(ArchBuilder b) {
        HfConfig c = b.config();
        b.qkvBias(true).outputBias(true).sinks(true);
        int experts = c.requireInt("num_local_experts", "num_experts");
        int used = c.requireInt("num_experts_per_tok", "experts_per_token");
        int ff = c.requireInt("intermediate_size");
        int window = c.intOr("sliding_window", 128);
        List<String> types = c.stringList("layer_types");
        for (int i = 0; i < b.layerCount(); i++) {
            boolean sliding = types.size() == b.layerCount() ? types.get(i).startsWith("sliding") : i % 2 == 0;
            Attention.Standard a = b.standardAttention(i);
            b.layer(sliding ? a.withWindow(AttentionWindow.sliding(window)) : a,
                    new Ffn.Moe(experts, used, ff, 0, false, false, true, true));
        }
    }

    private static void glm4Moe(ArchBuilder b) {
        HfConfig c = b.config();
        b.qkvBias(c.boolOr("attention_bias", true)).qkNorm(c.boolOr("use_qk_norm", false));
        int experts = c.requireInt("n_routed_experts");
        int used = c.requireInt("num_experts_per_tok");
        int ff = c.requireInt("moe_intermediate_size");
        int sharedFf = c.intOr("n_shared_experts", 0) * ff;
        int denseLead = c.intOr("first_k_dense_replace", 0);
        int denseFf = c.requireInt("intermediate_size");
        for (int i = 0; i < b.layerCount(); i++) {
            b.layer(b.standardAttention(i), i < denseLead ? Ffn.Dense.gated(denseFf)
                    : new Ffn.Moe(experts, used, ff, sharedFf, false, true, false, true));
        }
        // GLM's converter keeps the NextN block, with its own embedding and head copies.
        b.nextn(c.intOr("num_nextn_predict_layers", 0), true);
    }

    private static void llama4(ArchBuilder b) {
        HfConfig c = b.config();
        int experts = c.requireInt("num_local_experts");
        int used = c.intOr("num_experts_per_tok", 1);
        int ff = c.requireInt("intermediate_size");
        int denseFf = c.intOr("intermediate_size_mlp", ff);
        int step = Math.max(1, c.intOr("interleave_moe_layer_step", 1));
        int chunk = c.intOr("attention_chunk_size", 8192);
        List<Long> ropeLayers = c.longList("no_rope_layers");
        for (int i = 0; i < b.layerCount(); i++) {
            // no_rope_layers lists 1 for RoPE layers (chunked) and 0 for the global NoPE ones (every 4th by default).
            boolean rope = ropeLayers.size() == b.layerCount() ? ropeLayers.get(i) != 0 : (i + 1) % 4 != 0;
            Attention.Standard a = b.standardAttention(i);
            boolean moe = (i + 1) % step == 0;
            b.layer(rope ? a.withWindow(AttentionWindow.chunked(chunk)) : a,
                    moe ? new Ffn.Moe(experts, used, ff, ff, false, false, false, true) : Ffn.Dense.gated(denseFf));
        }
    }
}
