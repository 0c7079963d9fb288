package dev.runyard.core.model;

import dev.runyard.core.format.hfconfig.HfConfig;
import java.util.Optional;

/**
 * Parameters of a multimodal model's vision encoder, from its {@code vision_config}: a ViT with
 * {@code depth} blocks of width {@code hidden_size} (attention 4·d² and MLP 2·d·ff, plus biases and norms) and a
 * projector into the language model. Good to a few percent, which is what the tower's share of memory needs.
 */
final class VisionTowers {
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
        long ff = vc.intOr(4 * d, "intermediate_size", "mlp_dim");
        int patch = vc.intOr(14, "patch_size");
        int channels = vc.intOr(3, "num_channels", "in_channels");
        long perBlock = 4L * d * d + 4L * d + 2L * d * ff + ff + d + 4L * d;
        long patchEmbed = (long) channels * patch * patch * d;
        int textHidden = config.languageModel().intOr(d, "hidden_size");
        long projector = (long) vc.intOr(d, "out_hidden_size") * textHidden;
        return depth * perBlock + patchEmbed + projector;
    }
}
