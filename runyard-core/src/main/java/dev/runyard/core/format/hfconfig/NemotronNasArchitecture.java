package dev.runyard.core.format.hfconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.Ffn;

/**
 * NVIDIA's Nemotron-NAS / DeciLM ({@code model_type} {@code nemotron-nas}; llama.cpp's {@code deci}): a Llama whose
 * blocks were pruned one by one. {@code block_configs} gives each block's attention (removed: {@code no_op}; one
 * hidden-to-hidden matrix: {@code replace_with_linear}; else GQA with {@code num_attention_heads / n_heads_in_group}
 * KV heads) and FFN (removed, or SwiGLU of width {@code ffn_mult}). Only the attention blocks keep a KV cache, each
 * with its own KV head count.
 */
final class NemotronNasArchitecture {
    private NemotronNasArchitecture() {
    }

    static void read(ArchBuilder b) {
        HfConfig c = b.config();
        JsonNode blocks = c.json().get("block_configs");
        if (blocks == null || !blocks.isArray() || blocks.size() != b.layerCount()) {
            throw ArchitectureReader.invalid(c, "block_configs must list one block per layer");
        }
        int heads = b.heads();
        int headDim = b.headDim();
        boolean bias = c.boolOr("attention_bias", false);
        for (int i = 0; i < b.layerCount(); i++) {
            HfConfig attn = block(c, blocks.get(i), "attention", i);
            HfConfig ffn = block(c, blocks.get(i), "ffn", i);
            Attention mixer;
            if (attn.boolOr("no_op", false)) {
                mixer = new Attention.None();
            } else if (attn.boolOr("replace_with_linear", false)) {
                mixer = new Attention.Linear();
            } else {
                int group = ArchitectureReader.positive(c, attn.requireInt("n_heads_in_group"), "n_heads_in_group");
                if (heads % group != 0) {
                    throw ArchitectureReader.invalid(c, "n_heads_in_group " + group + " of block " + i
                            + " does not divide " + heads + " heads");
                }
                mixer = new Attention.Standard(heads, heads / group, headDim, headDim, AttentionWindow.FULL, false,
                        bias, false, false, false, false);
            }
            Ffn mlp;
            if (ffn.boolOr("no_op", false)) {
                mlp = new Ffn.None();
            } else if (ffn.boolOr("replace_with_linear", false)) {
                throw ArchitectureReader.invalid(c, "block " + i + ": an FFN replaced by a linear layer is not "
                        + "supported (llama.cpp's deci architecture has none)");
            } else {
                double mult = ffn.optDouble("ffn_mult").orElse(0.0);
                if (mult <= 0) {
                    throw ArchitectureReader.invalid(c, "block " + i + " needs a positive ffn_mult");
                }
                mlp = Ffn.Dense.gated(ffnWidth(mult, b.hidden()));
            }
            b.layer(mixer, mlp);
        }
    }

    /** DeciLM's {@code _ffn_mult_to_intermediate_size}: 2/3 · mult · hidden, rounded up to a multiple of 256. */
    static int ffnWidth(double mult, int hidden) {
        long ff = (long) (2 * mult * hidden / 3);
        return Math.toIntExact((ff + 255) / 256 * 256);
    }

    private static HfConfig block(HfConfig c, JsonNode block, String part, int i) {
        JsonNode n = block == null ? null : block.get(part);
        if (n == null || !n.isObject()) {
            throw ArchitectureReader.invalid(c, "block_configs[" + i + "] has no \"" + part + "\" object");
        }
        return HfConfig.of(n, c.source() + "#block_configs[" + i + "]." + part);
    }
}
