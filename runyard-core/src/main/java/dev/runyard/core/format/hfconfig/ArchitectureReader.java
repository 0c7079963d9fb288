package dev.runyard.core.format.hfconfig;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a Hugging Face {@code config.json} into a {@link ModelArchitecture}. One method per family of
 * {@code model_type}s; an unknown type with the standard fields becomes a generic dense or MoE transformer with a
 * warning. Families with mixed layer kinds (MoE, hybrids) live in {@link MoeArchitectures} and
 * {@link HybridArchitectures}.
 */
public final class ArchitectureReader {
    private ArchitectureReader() {
    }

    /**
     * The architecture a config describes. Shapes the model records refuse (a zero FFN, one expert of eight used…)
     * come back as one BAD_INPUT line naming the config, like every other config error.
     */
    public static ModelArchitecture read(HfConfig config) {
        try {
            return readUnchecked(config);
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            String why = e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage()
                    : "a dimension is zero, negative or too large";
            throw invalid(config, why.lines().findFirst().orElse(why));
        }
    }

    private static ModelArchitecture readUnchecked(HfConfig config) {
        HfConfig c = config.languageModel();
        String type = c.modelType().toLowerCase(Locale.ROOT);
        ArchBuilder b = new ArchBuilder(c, type);
        switch (type) {
            case "llama", "mistral", "granite", "smollm3", "olmo", "internlm2", "yi", "ministral", "ministral3",
                    "mistral3", "exaone", "exaone4", "hunyuan_v1_dense", "seed_oss" -> dense(b);
            // Two-matrix MLPs (ReLU², xIELU, GELU): up and down only.
            case "arcee", "apertus" -> plainMlp(b, false);
            case "starcoder2" -> plainMlp(b.qkvBias(true).outputBias(true), true);
            case "phi" -> plainMlp(b.qkvBias(true).outputBias(true).norms(1), true);
            case "qwen2", "qwen2_5" -> dense(b.qkvBias(true));
            case "qwen3" -> dense(b.qkNorm(true));
            case "olmo2", "olmo3" -> dense(b.qkNorm(true));
            case "gemma", "gemma2", "gemma3", "gemma3_text" -> gemma(b);
            case "gemma3n", "gemma3n_text" -> GemmaArchitectures.gemma3n(b);
            // Gemma 4 12B "unified" (encoder-free image/audio embedders) has the same decoder as Gemma 4.
            case "gemma4", "gemma4_text", "gemma4_unified", "gemma4_unified_text" -> GemmaArchitectures.gemma4(b);
            case "phi3", "phi4", "phimoe" -> phi(b);
            case "glm4" -> dense(b.qkvBias(true).norms(4));
            case "glm" -> dense(b.qkvBias(true));
            case "cohere", "cohere2" -> cohere(b);
            case "falcon" -> dense(b);
            case "mixtral", "qwen2_moe", "qwen3_moe", "deepseek_v2", "deepseek_v3", "kimi_k2", "gpt_oss", "glm4_moe",
                    "llama4", "llama4_text", "minimax_m2", "minimax", "granitemoe", "granitemoeshared", "olmoe",
                    "ernie4_5_moe", "hunyuan_v1_moe", "hunyuan", "dots1", "bailing_moe", "deepseek_v32",
                    "glm4_moe_lite" -> MoeArchitectures.read(b);
            case "qwen3_next", "qwen3_5", "qwen3_5_text", "qwen3_5_moe", "qwen3_5_moe_text", "nemotron_h",
                    "falcon_h1", "jamba", "granitemoehybrid", "deepseek_v4" -> HybridArchitectures.read(b);
            case "lfm2", "lfm2_moe" -> LiquidArchitectures.read(b);
            case "nemotron-nas" -> NemotronNasArchitecture.read(b);
            default -> generic(b);
        }
        return b.build();
    }

    /** A dense llama-style decoder: every layer full (or configured sliding) attention plus a gated MLP. */
    static void dense(ArchBuilder b) {
        HfConfig c = b.config();
        b.qkvBias(b.qkvBias() || c.boolOr("attention_bias", false));
        int ff = c.requireInt("intermediate_size", "ffn_hidden_size", "n_inner", "ff_intermediate_size",
                "shared_intermediate_size");
        boolean mlpBias = c.boolOr("mlp_bias", false);
        for (int i = 0; i < b.layerCount(); i++) {
            b.layer(b.standardAttention(i), new Ffn.Dense(ff, true, mlpBias));
        }
    }

    /** A dense decoder whose MLP is up → activation → down, without a gate. */
    static void plainMlp(ArchBuilder b, boolean bias) {
        int ff = b.config().requireInt("intermediate_size", "n_inner", "ffn_hidden_size");
        for (int i = 0; i < b.layerCount(); i++) {
            b.layer(b.standardAttention(i), new Ffn.Dense(ff, false, bias));
        }
    }

    private static void gemma(ArchBuilder b) {
        HfConfig c = b.config();
        String t = b.type();
        b.tiedDefault(true).norms(t.equals("gemma") ? 2 : 4).qkNorm(t.startsWith("gemma3"));
        int ff = c.requireInt("intermediate_size");
        int window = c.intOr("sliding_window", 0);
        int pattern = positive(c, c.intOr(t.equals("gemma2") ? 2 : 6, "sliding_window_pattern",
                "_sliding_window_pattern"), "sliding_window_pattern");
        List<String> types = c.stringList("layer_types");
        for (int i = 0; i < b.layerCount(); i++) {
            Attention.Standard a = b.standardAttention(i);
            boolean sliding;
            if (types.size() == b.layerCount()) {
                sliding = types.get(i).startsWith("sliding");
            } else if (t.equals("gemma2")) {
                sliding = i % 2 == 0;
            } else {
                sliding = t.startsWith("gemma3") && (i + 1) % pattern != 0;
            }
            if (sliding && window > 0) {
                a = a.withWindow(AttentionWindow.sliding(window));
            }
            b.layer(a, Ffn.Dense.gated(ff));
        }
    }

    private static void phi(ArchBuilder b) {
        if (b.type().equals("phimoe")) {
            MoeArchitectures.read(b);
            return;
        }
        b.fusedQkv(true);
        HfConfig c = b.config();
        int ff = c.requireInt("intermediate_size");
        int window = c.intOr("sliding_window", 0);
        for (int i = 0; i < b.layerCount(); i++) {
            Attention.Standard a = b.standardAttention(i);
            // Phi-3-mini's 2047/2048 "sliding window" is as long as its training context: llama.cpp keeps a full cache.
            b.layer(a, Ffn.Dense.gated(ff));
        }
        if (window > 0 && window < b.maxContext() / 2) {
            b.warn("sliding_window " + window + " is treated as full attention, as llama.cpp does for phi3");
        }
    }

    private static void cohere(ArchBuilder b) {
        HfConfig c = b.config();
        // Command R runs attention and MLP in parallel off one LayerNorm: one norm per layer.
        b.tiedDefault(true).norms(1).qkNorm(c.boolOr("use_qk_norm", false));
        int ff = c.requireInt("intermediate_size");
        int window = c.intOr("sliding_window", 0);
        int pattern = positive(c, c.intOr("sliding_window_pattern", 4), "sliding_window_pattern");
        List<String> types = c.stringList("layer_types");
        for (int i = 0; i < b.layerCount(); i++) {
            Attention.Standard a = b.standardAttention(i);
            boolean sliding = b.type().equals("cohere2") && window > 0
                    && (types.size() == b.layerCount() ? types.get(i).startsWith("sliding") : (i + 1) % pattern != 0);
            b.layer(sliding ? a.withWindow(AttentionWindow.sliding(window)) : a, Ffn.Dense.gated(ff));
        }
    }

    private static void generic(ArchBuilder b) {
        HfConfig c = b.config();
        b.generic();
        boolean moe = c.intOr(0, "num_experts", "num_local_experts", "n_routed_experts") > 1;
        boolean mla = c.has("kv_lora_rank") && c.has("n_routed_experts");
        b.warn("unknown model_type \"" + b.type() + "\": estimated as a generic "
                + (mla ? "DeepSeek-style MLA MoE" : moe ? "MoE" : "dense") + " transformer");
        if (mla) {
            // DeepSeek-style MLA + MoE under another name (GLM-5's glm_moe_dsa, Kimi K2.5): read it as such.
            MoeArchitectures.deepseekLike(b);
        } else if (moe) {
            MoeArchitectures.genericMoe(b);
        } else {
            dense(b);
        }
    }

    static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** {@code v}, which {@code field} gives and something divides by. */
    static int positive(HfConfig c, int v, String field) {
        if (v <= 0) {
            throw invalid(c, field + " must be positive, got " + v);
        }
        return v;
    }

    static RunyardException invalid(HfConfig c, String what) {
        return RunyardException.badInput(c.source() + ": " + what, "check the config");
    }
}
