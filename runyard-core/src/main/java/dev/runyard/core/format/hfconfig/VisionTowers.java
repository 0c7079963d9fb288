package dev.runyard.core.format.hfconfig;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parameters of a multimodal model's vision encoder, from its {@code vision_config}: a ViT of {@code depth} blocks of
 * width d (attention 4·d² plus biases; MLP 2·d·ff, or 3·d·ff for SwiGLU towers such as Pixtral and Qwen2.5-VL), a
 * patch embedding, and the projector into the language model (LLaVA-style two-layer MLP with an optional patch
 * merger; Gemma 3's single projection). Good to about a percent, which is what the tower's share of memory needs.
 */
final class VisionTowers {
    private static final Set<String> SWIGLU_TOWERS = Set.of("pixtral", "qwen2_5_vl", "qwen3_vl", "qwen3_5");

    private VisionTowers() {
    }

    static long estimate(HfConfig config) {
        Optional<HfConfig> v = config.child("vision_config");
        if (v.isEmpty()) {
            return 0;
        }
        HfConfig vc = v.get();
        int depth = vc.intOr(0, "depth", "num_hidden_layers", "num_layers");
        int d = vc.intOr(0, "hidden_size", "embed_dim", "width");
        if (depth == 0 || d == 0) {
            return 0;
        }
        String type = vc.optString("model_type").orElse("").toLowerCase(Locale.ROOT);
        String act = vc.optString("hidden_act").orElse("").toLowerCase(Locale.ROOT);
        boolean swiglu = SWIGLU_TOWERS.contains(type) || act.equals("silu");
        long ff = vc.intOr(4 * d, "intermediate_size", "mlp_dim");
        int patch = vc.intOr(14, "patch_size");
        int channels = vc.intOr(3, "num_channels", "in_channels");
        long perBlock = 4L * d * d + 4L * d + (swiglu ? 3 : 2) * d * ff + ff + d + 4L * d;
        long patchEmbed = (long) channels * patch * patch * d;
        int textHidden = config.languageModel().intOr(d, "hidden_size");
        int merge = config.intOr("spatial_merge_size", 1);
        long projector;
        String outer = config.optString("outer_model_type").orElse("");
        if (outer.startsWith("gemma3")) {
            projector = (long) d * textHidden + d;
        } else if (vc.has("out_hidden_size")) {
            long in = (long) d * merge * merge;
            projector = in * in + in * vc.intOr(textHidden, "out_hidden_size");
        } else {
            long merger = merge > 1 ? (long) d * merge * merge * d : 0;
            projector = merger + (long) d * textHidden + (long) textHidden * textHidden;
        }
        return depth * perBlock + patchEmbed + projector;
    }
}
