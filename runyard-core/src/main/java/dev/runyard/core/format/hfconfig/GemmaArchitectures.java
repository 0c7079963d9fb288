package dev.runyard.core.format.hfconfig;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.BlockExtras;
import dev.runyard.core.model.Ffn;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemma 3n ({@code gemma3n}, {@code gemma3n_text}) and Gemma 4 ({@code gemma4}, {@code gemma4_text}), read as
 * transformers' {@code modeling_gemma3n.py} / {@code modeling_gemma4.py} build them and llama.cpp loads them:
 * <ul>
 *   <li>sliding and global layers from {@code layer_types} (else every {@code sliding_window_pattern}-th layer is
 *       global: 5 for 3n as llama.cpp's default, 6 for Gemma 4);</li>
 *   <li>KV sharing: the last {@code num_kv_shared_layers} layers read the cache of the last earlier layer of the same
 *       kind and keep none (transformers {@code kv_shared_layer_index}; llama.cpp {@code n_layer_kv_from_start});</li>
 *   <li>per-layer embeddings ({@code hidden_size_per_layer_input} × layers per token), AltUp and LAuReL (3n);</li>
 *   <li>Gemma 4 global layers use {@code global_head_dim}, and with {@code attention_k_eq_v}
 *       {@code num_global_key_value_heads} heads whose V is the K projection; {@code use_double_wide_mlp} doubles the
 *       MLP of the KV-sharing layers; {@code enable_moe_block} adds routed experts beside the dense MLP
 *       (26B-A4B).</li>
 * </ul>
 */
final class GemmaArchitectures {
    private GemmaArchitectures() {
    }

    static void gemma3n(ArchBuilder b) {
        HfConfig c = b.config();
        b.tiedDefault(true).norms(4).qkNorm(true);
        int n = b.layerCount();
        List<Integer> ff = perLayerFf(c, n);
        List<Boolean> sliding = slidingLayers(b, 5);
        int window = c.intOr("sliding_window", 0);
        int firstShared = firstShared(c, n);
        for (int i = 0; i < n; i++) {
            Attention.Standard a = b.standardAttention(i);
            if (sliding.get(i) && window > 0) {
                a = a.withWindow(AttentionWindow.sliding(window));
            }
            if (i >= firstShared) {
                a = a.withKvFrom(kvSource(c, sliding, firstShared, i));
            }
            b.layer(a, Ffn.Dense.gated(ff.get(i)));
        }
        int ple = c.intOr("hidden_size_per_layer_input", 0);
        b.extras(new BlockExtras(ple, ple > 0 ? c.intOr("vocab_size_per_layer_input", c.requireInt("vocab_size")) : 0,
                c.intOr("altup_num_inputs", 0), c.intOr("laurel_rank", 0), false, false, true));
    }

    static void gemma4(ArchBuilder b) {
        HfConfig c = b.config();
        b.tiedDefault(true).norms(4).qkNorm(true);
        int n = b.layerCount();
        List<Boolean> sliding = slidingLayers(b, 6);
        int window = c.intOr("sliding_window", 0);
        int firstShared = firstShared(c, n);
        int ff = c.requireInt("intermediate_size");
        boolean doubleWide = c.boolOr("use_double_wide_mlp", false);
        boolean kEqV = c.boolOr("attention_k_eq_v", false);
        int globalHeadDim = c.intOr(0, "global_head_dim");
        int globalKv = c.intOr(0, "num_global_key_value_heads");
        int experts = c.intOr(0, "num_experts");
        boolean moe = experts > 1 && c.boolOr("enable_moe_block", true);
        for (int i = 0; i < n; i++) {
            Attention.Standard a = b.standardAttention(i);
            if (sliding.get(i)) {
                if (window > 0) {
                    a = a.withWindow(AttentionWindow.sliding(window));
                }
            } else {
                int hd = globalHeadDim > 0 ? globalHeadDim : a.headDimK();
                int kv = kEqV && globalKv > 0 ? globalKv : a.kvHeads();
                if (a.heads() % kv != 0) {
                    throw ArchitectureReader.invalid(c, "num_global_key_value_heads " + kv
                            + " must divide num_attention_heads " + a.heads());
                }
                a = new Attention.Standard(a.heads(), kv, hd, hd, AttentionWindow.FULL, false, false, false, true,
                        false, false);
                if (kEqV) {
                    a = a.withValueFromKey();
                }
            }
            boolean shared = i >= firstShared;
            if (shared) {
                a = a.withKvFrom(kvSource(c, sliding, firstShared, i));
            }
            int layerFf = ff * (doubleWide && shared ? 2 : 1);
            Ffn f = moe ? new Ffn.Moe(experts, c.requireInt("top_k_experts", "num_experts_per_tok"),
                    c.requireInt("moe_intermediate_size", "expert_intermediate_size"), layerFf, false, false, false, true)
                    : Ffn.Dense.gated(layerFf);
            b.layer(a, f);
        }
        int ple = c.intOr("hidden_size_per_layer_input", 0);
        b.extras(new BlockExtras(ple, ple > 0 ? c.intOr("vocab_size_per_layer_input", c.requireInt("vocab_size")) : 0,
                0, 0, true, moe, false));
    }

    /** Gemma 3n gives {@code intermediate_size} per layer (a list); a single number applies to every layer. */
    private static List<Integer> perLayerFf(HfConfig c, int n) {
        List<Integer> out = new ArrayList<>(n);
        if (c.json().path("intermediate_size").isArray()) {
            List<Long> l = c.longList("intermediate_size");
            if (l.size() != n) {
                throw ArchitectureReader.invalid(c, "intermediate_size lists " + l.size() + " layers, the model has " + n);
            }
            for (long v : l) {
                out.add(ArchitectureReader.positive(c, (int) Math.min(v, Integer.MAX_VALUE), "intermediate_size"));
            }
        } else {
            int ff = c.requireInt("intermediate_size");
            for (int i = 0; i < n; i++) {
                out.add(ff);
            }
        }
        return out;
    }

    private static List<Boolean> slidingLayers(ArchBuilder b, int defaultPattern) {
        HfConfig c = b.config();
        int n = b.layerCount();
        List<String> types = c.stringList("layer_types");
        List<Boolean> out = new ArrayList<>(n);
        if (types.size() == n) {
            for (String t : types) {
                out.add(t.startsWith("sliding"));
            }
            return out;
        }
        int pattern = ArchitectureReader.positive(c, c.intOr(defaultPattern, "sliding_window_pattern"),
                "sliding_window_pattern");
        for (int i = 0; i < n; i++) {
            out.add((i + 1) % pattern != 0);
        }
        return out;
    }

    /** The first layer that reads another's cache ({@code num_hidden_layers − num_kv_shared_layers}); n if none. */
    private static int firstShared(HfConfig c, int n) {
        int shared = c.intOr("num_kv_shared_layers", 0);
        if (shared >= n) {
            throw ArchitectureReader.invalid(c, "num_kv_shared_layers " + shared + " leaves no layer with a KV cache");
        }
        return shared > 0 ? n - shared : n;
    }

    /** The last layer before the shared ones with the same kind of attention (transformers' kv_shared_layer_index). */
    private static int kvSource(HfConfig c, List<Boolean> sliding, int firstShared, int i) {
        for (int j = firstShared - 1; j >= 0; j--) {
            if (sliding.get(j).equals(sliding.get(i))) {
                return j;
            }
        }
        throw ArchitectureReader.invalid(c, "layer " + i + " shares the KV cache of an earlier "
                + (sliding.get(i) ? "sliding" : "global") + " layer, and there is none");
    }
}
