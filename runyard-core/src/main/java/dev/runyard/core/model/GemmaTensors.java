package dev.runyard.core.model;

/**
 * The tensors Gemma 3n and Gemma 4 add to the ordinary blocks, named and shaped as llama.cpp loads them
 * ({@code src/models/gemma3n-iswa.cpp}, {@code gemma4.cpp}; names from {@code llama-arch.cpp}):
 * <ul>
 *   <li>per-layer embeddings (PLE): {@code per_layer_token_embd} [w·L, vocab] (an input tensor, kept in host memory
 *       like {@code token_embd}), {@code per_layer_model_proj} [hidden, w·L] and {@code per_layer_proj_norm} [w]
 *       (loaded with block 0), and per block {@code inp_gate} [hidden, w], {@code proj} [w, hidden],
 *       {@code post_norm} [hidden];</li>
 *   <li>AltUp (3n): {@code altup_proj} and {@code altup_unembd_proj} [hidden, hidden, n−1], and per block the
 *       correction/prediction coefficients, the router and its norm; LAuReL (3n): {@code laurel_l} [hidden, r],
 *       {@code laurel_r} [r, hidden], {@code laurel_post_norm};</li>
 *   <li>Gemma 4: {@code layer_output_scale} [1] per block; MoE blocks run a dense MLP beside the experts, with a
 *       router scale, per-expert output scales and three more norms.</li>
 * </ul>
 */
final class GemmaTensors {
    private GemmaTensors() {
    }

    static void addGlobal(InventoryBuilder b, ModelArchitecture arch) {
        BlockExtras x = arch.extras();
        long h = arch.hidden();
        if (x.hasPerLayerEmbedding()) {
            long all = (long) x.perLayerWidth() * arch.layerCount();
            b.add("per_layer_token_embd.weight", -1, all, x.perLayerVocab());
            // llama.cpp creates these two with block index 0, so they are placed with the first layer.
            b.add("per_layer_model_proj.weight", 0, h, all);
            b.add("per_layer_proj_norm.weight", 0, x.perLayerWidth());
        }
        if (x.hasAltUp()) {
            b.add("altup_proj.weight", -1, h, h, x.altupInputs() - 1);
            b.add("altup_unembd_proj.weight", -1, h, h, x.altupInputs() - 1);
        }
    }

    static void addPerBlock(InventoryBuilder b, ModelArchitecture arch, String p, int i) {
        BlockExtras x = arch.extras();
        long h = arch.hidden();
        if (x.hasPerLayerEmbedding()) {
            b.add(p + "inp_gate.weight", i, h, x.perLayerWidth());
            b.add(p + "proj.weight", i, x.perLayerWidth(), h);
            b.add(p + "post_norm.weight", i, h);
        }
        if (x.hasAltUp()) {
            long n = x.altupInputs();
            b.add(p + "altup_correct_coef.weight", i, n, n);
            b.add(p + "altup_correct_scale.weight", i, h);
            b.add(p + "altup_predict_coef.weight", i, n, n * n);
            b.add(p + "altup_router.weight", i, h, n);
            b.add(p + "altup_router_norm.weight", i, h);
        }
        if (x.laurelRank() > 0) {
            b.add(p + "laurel_l.weight", i, h, x.laurelRank());
            b.add(p + "laurel_r.weight", i, x.laurelRank(), h);
            b.add(p + "laurel_post_norm.weight", i, h);
        }
        if (x.layerOutputScale()) {
            b.add(p + "layer_output_scale.weight", i, 1);
        }
    }

    /** Gemma 4's MoE block: the dense MLP (width {@code sharedFf}) and the routed experts side by side. */
    static void addDenseBesideExperts(InventoryBuilder b, String p, int i, long h, Ffn.Moe m) {
        long e = m.experts();
        b.add(p + "ffn_gate.weight", i, h, m.sharedFf());
        b.add(p + "ffn_up.weight", i, h, m.sharedFf());
        b.add(p + "ffn_down.weight", i, m.sharedFf(), h);
        b.add(p + "ffn_gate_inp.weight", i, h, e);
        b.add(p + "ffn_gate_inp.scale", i, h);
        b.add(p + "ffn_gate_exps.weight", i, h, m.expertFf(), e);
        b.add(p + "ffn_up_exps.weight", i, h, m.expertFf(), e);
        b.add(p + "ffn_down_exps.weight", i, m.expertFf(), h, e);
        b.add(p + "ffn_down_exps.scale", i, e);
        b.add(p + "pre_ffw_norm_2.weight", i, h);
        b.add(p + "post_ffw_norm_1.weight", i, h);
        b.add(p + "post_ffw_norm_2.weight", i, h);
    }
}
