package dev.runyard.core.format.gguf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Gemma 3n / Gemma 4 keys of a GGUF file, turned back into the config fields their reader expects: the per-layer
 * sliding pattern ({@code attention.sliding_window_pattern}, one bool per layer), per-layer head and KV-head counts
 * and FFN widths (arrays), the KV-sharing count ({@code attention.shared_kv_layers}), the per-layer embedding width
 * ({@code embedding_length_per_layer_input}) and, where llama.cpp keeps them as constants rather than keys (AltUp
 * streams, LAuReL rank), the tensors' own shapes.
 */
final class GgufGemmaConfig {
    /** llama.cpp's gemma3n loader: {@code hparams.n_layer_kv_from_start = 20} (no key in the file). */
    private static final int GEMMA3N_KV_LAYERS = 20;

    private GgufGemmaConfig() {
    }

    static void fill(GgufHeader h, String arch, ObjectNode c) {
        String p = arch + ".";
        int n = (int) h.integer(p + "block_count").orElse(0);
        List<Object> swa = array(h, p + "attention.sliding_window_pattern");
        if (n > 0 && swa.size() == n) {
            ArrayNode types = c.putArray("layer_types");
            for (Object o : swa) {
                types.add(Boolean.TRUE.equals(o) || (o instanceof Number x && x.longValue() != 0)
                        ? "sliding_attention" : "full_attention");
            }
        }
        put(c, "sliding_window_pattern", h.integer(p + "attention.sliding_window_pattern"));
        OptionalLong ple = h.integer(p + "embedding_length_per_layer_input");
        Optional<GgufTensorInfo> table = tensor(h, "per_layer_token_embd.weight");
        if (ple.isPresent() && ple.getAsLong() > 0) {
            c.put("hidden_size_per_layer_input", ple.getAsLong());
        } else if (table.isPresent() && n > 0) {
            c.put("hidden_size_per_layer_input", table.get().shape()[0] / n);
        }
        table.ifPresent(t -> c.put("vocab_size_per_layer_input", t.shape()[1]));
        List<Object> ff = array(h, p + "feed_forward_length");
        if (arch.equals("gemma3n")) {
            if (n > 0 && ff.size() == n) {
                ArrayNode sizes = c.putArray("intermediate_size");
                ff.forEach(x -> sizes.add(((Number) x).longValue()));
            }
            long shared = h.integer(p + "attention.shared_kv_layers")
                    .orElse(n > GEMMA3N_KV_LAYERS ? n - GEMMA3N_KV_LAYERS : 0);
            c.put("num_kv_shared_layers", shared);
            tensor(h, "altup_proj.weight").ifPresent(t -> c.put("altup_num_inputs",
                    t.shape().length > 2 ? t.shape()[2] + 1 : 2));
            tensor(h, "blk.0.laurel_l.weight").ifPresent(t -> c.put("laurel_rank", t.shape()[1]));
            return;
        }
        // gemma4
        put(c, "num_kv_shared_layers", h.integer(p + "attention.shared_kv_layers"));
        OptionalLong swaHead = h.integer(p + "attention.key_length_swa");
        OptionalLong head = h.integer(p + "attention.key_length");
        if (swaHead.isPresent()) {
            c.put("head_dim", swaHead.getAsLong());
            put(c, "global_head_dim", head);
        }
        List<Object> kv = array(h, p + "attention.head_count_kv");
        int firstFull = -1;
        int firstSliding = -1;
        for (int i = 0; i < swa.size(); i++) {
            boolean sliding = Boolean.TRUE.equals(swa.get(i)) || (swa.get(i) instanceof Number x && x.longValue() != 0);
            if (sliding && firstSliding < 0) {
                firstSliding = i;
            } else if (!sliding && firstFull < 0) {
                firstFull = i;
            }
        }
        if (kv.size() == n && firstSliding >= 0) {
            c.put("num_key_value_heads", ((Number) kv.get(firstSliding)).longValue());
        }
        if (firstFull >= 0) {
            boolean noV = tensor(h, "blk." + firstFull + ".attn_v.weight").isEmpty()
                    && tensor(h, "blk." + firstFull + ".attn_k.weight").isPresent();
            c.put("attention_k_eq_v", noV);
            if (kv.size() == n) {
                c.put("num_global_key_value_heads", ((Number) kv.get(firstFull)).longValue());
            }
        }
        if (n > 0 && ff.size() == n) {
            long first = ((Number) ff.get(0)).longValue();
            long last = ((Number) ff.get(n - 1)).longValue();
            c.put("intermediate_size", first);
            c.put("use_double_wide_mlp", last == 2 * first);
        }
        OptionalLong experts = h.integer(p + "expert_count");
        if (experts.isPresent() && experts.getAsLong() > 1) {
            c.put("enable_moe_block", true);
            put(c, "top_k_experts", h.integer(p + "expert_used_count"));
        }
    }

    private static List<Object> array(GgufHeader h, String key) {
        Optional<Object> v = h.get(key);
        return v.isPresent() && v.get() instanceof GgufArray a && a.complete() ? a.head() : List.of();
    }

    private static Optional<GgufTensorInfo> tensor(GgufHeader h, String name) {
        return h.tensors().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    private static void put(ObjectNode c, String key, OptionalLong v) {
        if (v.isPresent()) {
            c.put(key, v.getAsLong());
        }
    }
}
