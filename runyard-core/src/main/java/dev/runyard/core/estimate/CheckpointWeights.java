package dev.runyard.core.estimate;

import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsTensor;
import dev.runyard.core.model.ModelArchitecture;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact weight bytes of a safetensors checkpoint as vLLM/SGLang load it, from its headers: each tensor's bytes are
 * its dtype × shape (the reader checked them against its data range), so int32-packed AWQ/GPTQ weights with their
 * scales and zeros, FP8 weights with their scale tensors, and anything else a header lists count as stored. The
 * tensors are grouped the way {@link WeightsEstimate} splits weights, by their Hugging Face names.
 */
public final class CheckpointWeights {
    /** {@code model.layers.12.}, {@code transformer.h.3.}, {@code backbone.blocks.7.}: the decoder block index. */
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)(?:layers|h|blocks|block)\\.(\\d{1,6})\\.");

    private CheckpointWeights() {
    }

    /**
     * The text model's weights. Vision and audio towers are left out (the serving estimate adds the tower from the
     * config when the run loads it), and so are the multi-token-prediction blocks past the config's layer count
     * unless {@code mtp} (vLLM skips them unless they draft).
     */
    public static WeightsEstimate of(SafetensorsHeader h, ModelArchitecture arch, boolean mtp, String source,
                                     int files) {
        int layers = arch.layerCount();
        long[] perLayer = new long[layers + arch.nextnLayers()];
        Map<String, Long> byType = new TreeMap<>();
        long total = 0;
        long embd = 0;
        long output = 0;
        long experts = 0;
        long count = 0;
        long towerBytes = 0;
        long mtpBytes = 0;
        for (SafetensorsTensor t : h.tensors()) {
            String n = t.name().toLowerCase(Locale.ROOT);
            long b = t.bytes();
            if (isTower(n)) {
                towerBytes += b;
                continue;
            }
            int layer = layer(n);
            if (layer >= layers && !mtp) {
                mtpBytes += b;
                continue;
            }
            total = Math.addExact(total, b);
            count++;
            byType.merge(t.dtype().name().toLowerCase(Locale.ROOT), b, Math::addExact);
            if (n.contains(".experts.")) {
                experts += b;
            }
            if (layer >= 0 && layer < perLayer.length) {
                perLayer[layer] += b;
            } else if (layer < 0 && isEmbedding(n)) {
                embd += b;
            } else {
                output += b; // head, final norm, and blocks past the layers the config names
            }
        }
        StringBuilder method = new StringBuilder(String.format(Locale.ROOT,
                "exact: dtype x shape of %,d tensors from %d safetensors header%s (%s)", count, files,
                files == 1 ? "" : "s", source));
        if (towerBytes > 0) {
            method.append(String.format(Locale.ROOT, "; %,d bytes of vision/audio tower tensors left to the tower"
                    + " estimate", towerBytes));
        }
        if (mtpBytes > 0) {
            method.append(String.format(Locale.ROOT, "; %,d bytes of MTP blocks not loaded", mtpBytes));
        }
        return new WeightsEstimate(total, byType, count, embd, output, perLayer, experts, method.toString());
    }

    /** The block index in a tensor's name, or -1 for embeddings, head and norms outside the blocks. */
    static int layer(String name) {
        Matcher m = LAYER.matcher(name);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static boolean isEmbedding(String n) {
        return n.contains("embed_tokens") || n.contains("word_embeddings") || n.contains(".wte.")
                || n.startsWith("wte.") || n.contains("tok_embeddings") || n.contains("embedding.weight");
    }

    /** Multimodal towers and their projectors, by the names transformers gives them. */
    static boolean isTower(String n) {
        return n.contains("vision") || n.contains("visual") || n.contains("multi_modal_projector")
                || n.contains("mm_projector") || n.contains("audio") || n.contains("image_newline");
    }
}
