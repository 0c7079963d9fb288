package dev.runyard.core.format.gguf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.hfconfig.HfConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Rebuilds a Hugging Face style {@code config.json} from a GGUF header's metadata ({@code <arch>.embedding_length},
 * {@code <arch>.block_count}, attention and expert keys as llama.cpp's converter writes them), so that the same
 * architecture readers size the KV cache and compute buffers of a real file.
 */
public final class GgufConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** llama.cpp's {@code general.architecture} → the HF {@code model_type} whose reader fits it. */
    private static final Map<String, String> MODEL_TYPE = Map.ofEntries(
            Map.entry("llama", "llama"), Map.entry("qwen2", "qwen2"), Map.entry("qwen3", "qwen3"),
            Map.entry("qwen2moe", "qwen2_moe"), Map.entry("qwen3moe", "qwen3_moe"), Map.entry("gemma", "gemma"),
            Map.entry("gemma2", "gemma2"), Map.entry("gemma3", "gemma3_text"), Map.entry("phi3", "phi3"),
            Map.entry("deepseek2", "deepseek_v3"), Map.entry("gpt-oss", "gpt_oss"), Map.entry("glm4", "glm4"),
            Map.entry("glm4moe", "glm4_moe"), Map.entry("llama4", "llama4_text"), Map.entry("command-r", "cohere"),
            Map.entry("cohere2", "cohere2"), Map.entry("granite", "granite"), Map.entry("granitemoe", "granitemoe"),
            Map.entry("olmo2", "olmo2"), Map.entry("smollm3", "smollm3"), Map.entry("minimax-m2", "minimax_m2"),
            Map.entry("qwen3next", "qwen3_next"), Map.entry("qwen35", "qwen3_5_text"),
            Map.entry("qwen35moe", "qwen3_5_moe_text"), Map.entry("nemotron_h", "nemotron_h"),
            Map.entry("falcon-h1", "falcon_h1"), Map.entry("jamba", "jamba"), Map.entry("granitehybrid", "granitemoehybrid"),
            Map.entry("starcoder2", "starcoder2"), Map.entry("phi2", "phi"), Map.entry("mistral3", "mistral"),
            Map.entry("exaone", "exaone"), Map.entry("olmoe", "olmoe"), Map.entry("gemma3n", "gemma3n_text"),
            Map.entry("gemma4", "gemma4_text"));

    private GgufConfig() {
    }

    public static HfConfig toConfig(GgufHeader h) {
        String arch = h.architecture().orElseThrow(() -> RunyardException.badInput(h.source()
                + " has no general.architecture", "pass a GGUF model file"));
        String p = arch + ".";
        ObjectNode c = MAPPER.createObjectNode();
        c.put("model_type", MODEL_TYPE.getOrDefault(arch, arch));
        put(c, "hidden_size", h.integer(p + "embedding_length"));
        put(c, "num_hidden_layers", h.integer(p + "block_count"));
        put(c, "num_attention_heads", maxOf(h, p + "attention.head_count"));
        put(c, "num_key_value_heads", maxOf(h, p + "attention.head_count_kv"));
        put(c, "intermediate_size", maxOf(h, p + "feed_forward_length"));
        put(c, "max_position_embeddings", h.integer(p + "context_length"));
        put(c, "sliding_window", h.integer(p + "attention.sliding_window"));
        put(c, "vocab_size", vocab(h, p));
        OptionalLong experts = h.integer(p + "expert_count");
        if (experts.isPresent() && experts.getAsLong() > 1) {
            for (String k : new String[] {"num_experts", "num_local_experts", "n_routed_experts"}) {
                c.put(k, experts.getAsLong());
            }
            put(c, "num_experts_per_tok", h.integer(p + "expert_used_count"));
            put(c, "moe_intermediate_size", h.integer(p + "expert_feed_forward_length"));
            OptionalLong sharedFf = h.integer(p + "expert_shared_feed_forward_length");
            put(c, "shared_expert_intermediate_size", sharedFf);
            put(c, "n_shared_experts", h.integer(p + "expert_shared_count"));
            put(c, "first_k_dense_replace", h.integer(p + "leading_dense_block_count"));
            if (!c.has("moe_intermediate_size") && c.has("intermediate_size")) {
                c.put("moe_intermediate_size", c.get("intermediate_size").asLong());
            }
        }
        OptionalLong kvLora = h.integer(p + "attention.kv_lora_rank");
        if (kvLora.isPresent()) {
            long rope = h.integer(p + "rope.dimension_count").orElse(64);
            long keyMla = h.integer(p + "attention.key_length_mla").orElse(h.integer(p + "attention.key_length").orElse(192));
            long valueMla = h.integer(p + "attention.value_length_mla").orElse(h.integer(p + "attention.value_length").orElse(128));
            c.put("kv_lora_rank", kvLora.getAsLong());
            put(c, "q_lora_rank", h.integer(p + "attention.q_lora_rank"));
            c.put("qk_rope_head_dim", rope);
            c.put("qk_nope_head_dim", keyMla - rope);
            c.put("v_head_dim", valueMla);
            c.put("topk_method", "noaux_tc");
            put(c, "num_nextn_predict_layers", h.integer(p + "nextn_predict_layers"));
        } else {
            put(c, "head_dim", h.integer(p + "attention.key_length"));
        }
        put(c, "full_attention_interval", h.integer(p + "full_attention_interval"));
        put(c, "attention_chunk_size", h.integer(p + "attention.chunk_size"));
        if (arch.equals("gemma3n") || arch.equals("gemma4")) {
            GgufGemmaConfig.fill(h, arch, c);
        }
        boolean hasOutput = h.tensors().stream().anyMatch(t -> t.name().equals("output.weight"));
        c.put("tie_word_embeddings", !hasOutput);
        if (h.tensors().stream().anyMatch(t -> t.name().endsWith("attn_q.bias"))) {
            c.put("attention_bias", true);
        }
        if (h.tensors().stream().anyMatch(t -> t.type() == dev.runyard.core.quant.GgmlType.MXFP4)) {
            c.putObject("quantization_config").put("quant_method", "mxfp4");
        }
        return HfConfig.of(c, h.source());
    }

    private static OptionalLong vocab(GgufHeader h, String p) {
        OptionalLong v = h.integer(p + "vocab_size");
        if (v.isPresent()) {
            return v;
        }
        Optional<Object> tokens = h.get("tokenizer.ggml.tokens");
        if (tokens.isPresent() && tokens.get() instanceof GgufArray a) {
            return OptionalLong.of(a.length());
        }
        Optional<GgufTensorInfo> embd = h.tensors().stream().filter(t -> t.name().equals("token_embd.weight")).findFirst();
        if (embd.isPresent() && embd.get().shape().length != 2) {
            // The vocabulary is the embedding's second dimension (hidden × vocab); without it there is no vocab size.
            throw RunyardException.badInput(h.source() + ": token_embd.weight has " + embd.get().shape().length
                    + " dimension(s), a token embedding has 2 (hidden × vocab)", "the file is not a usable model");
        }
        return embd.map(t -> OptionalLong.of(t.shape()[1])).orElse(OptionalLong.empty());
    }

    /** A per-model integer, or the largest of a per-layer array (some files store head counts per layer). */
    private static OptionalLong maxOf(GgufHeader h, String key) {
        Optional<Object> v = h.get(key);
        if (v.isPresent() && v.get() instanceof Long l) {
            return OptionalLong.of(l);
        }
        if (v.isPresent() && v.get() instanceof GgufArray a && !a.head().isEmpty()) {
            return OptionalLong.of(a.head().stream().filter(x -> x instanceof Number)
                    .mapToLong(x -> ((Number) x).longValue()).max().orElse(0));
        }
        return OptionalLong.empty();
    }

    private static void put(ObjectNode c, String key, OptionalLong v) {
        if (v.isPresent()) {
            c.put(key, v.getAsLong());
        }
    }
}
