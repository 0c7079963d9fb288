package dev.runyard.core.format.hfconfig;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.AttentionWindow;
import dev.runyard.core.model.BlockExtras;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mutable state while one config is read into a {@link ModelArchitecture}; shared by the family readers. */
final class ArchBuilder {
    /** llama.cpp's {@code general.architecture} for each HF {@code model_type} (convert_hf_to_gguf.py). */
    private static final Map<String, String> GGUF_ARCH = Map.ofEntries(
            Map.entry("mistral", "llama"), Map.entry("mixtral", "llama"), Map.entry("qwen2_moe", "qwen2moe"),
            Map.entry("qwen3_moe", "qwen3moe"), Map.entry("gemma3_text", "gemma3"), Map.entry("deepseek_v2", "deepseek2"),
            Map.entry("deepseek_v3", "deepseek2"), Map.entry("kimi_k2", "deepseek2"), Map.entry("gpt_oss", "gpt-oss"),
            Map.entry("glm4_moe", "glm4moe"), Map.entry("llama4_text", "llama4"), Map.entry("cohere", "command-r"),
            Map.entry("minimax_m2", "minimax-m2"), Map.entry("qwen3_next", "qwen3next"), Map.entry("qwen3_5", "qwen35"),
            Map.entry("qwen3_5_text", "qwen35"), Map.entry("qwen3_5_moe", "qwen35moe"),
            Map.entry("qwen3_5_moe_text", "qwen35moe"), Map.entry("falcon_h1", "falcon-h1"),
            Map.entry("granitemoehybrid", "granitehybrid"), Map.entry("deepseek_v4", "deepseek4"),
            Map.entry("phi4", "phi3"), Map.entry("ministral3", "mistral3"), Map.entry("hunyuan_v1_dense", "hunyuan-dense"),
            Map.entry("hunyuan_v1_moe", "hunyuan-moe"), Map.entry("ernie4_5_moe", "ernie4_5-moe"),
            Map.entry("seed_oss", "seed_oss"), Map.entry("bailing_moe", "bailingmoe"), Map.entry("deepseek_v32", "deepseek2"),
            Map.entry("glm4_moe_lite", "deepseek2"), Map.entry("hunyuan", "hunyuan-moe"),
            Map.entry("gemma3n_text", "gemma3n"), Map.entry("gemma4_text", "gemma4"),
            Map.entry("gemma4_unified", "gemma4"), Map.entry("gemma4_unified_text", "gemma4"),
            Map.entry("lfm2_moe", "lfm2moe"), Map.entry("nemotron-nas", "deci"));

    private final HfConfig config;
    private final String type;
    private final int hidden;
    private final int layerCount;
    private final int vocab;
    private final List<Layer> layers = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean tiedDefault;
    private boolean qkvBias;
    private boolean outputBias;
    private boolean qkNorm;
    private boolean fusedQkv;
    private boolean sinks;
    private int norms = 2;
    private int nextn;
    private boolean nextnInGguf;
    private boolean generic;
    private long visionParams;
    private BlockExtras extras = BlockExtras.NONE;

    ArchBuilder(HfConfig config, String type) {
        this.config = config;
        this.type = type;
        this.hidden = config.requireInt("hidden_size", "n_embd", "d_model", "dim");
        // Nemotron 3 Ultra's config leaves num_hidden_layers null and lists the blocks in layers_block_type.
        this.layerCount = config.has("num_hidden_layers") || !config.has("layers_block_type")
                ? config.requireInt("num_hidden_layers", "n_layer", "num_layers", "n_layers")
                : config.stringList("layers_block_type").size();
        this.vocab = config.requireInt("vocab_size", "padded_vocab_size");
        if (hidden == 0 || layerCount == 0 || vocab == 0) {
            throw ArchitectureReader.invalid(config, "hidden_size, num_hidden_layers and vocab_size must be positive");
        }
        if (layerCount > 10_000 || hidden > 1_000_000 || vocab > 100_000_000) {
            throw ArchitectureReader.invalid(config, "implausible dimensions (hidden " + hidden + ", layers "
                    + layerCount + ", vocab " + vocab + ")");
        }
    }

    HfConfig config() {
        return config;
    }

    String type() {
        return type;
    }

    int hidden() {
        return hidden;
    }

    int layerCount() {
        return layerCount;
    }

    long maxContext() {
        return config.intOr(0, "max_position_embeddings", "max_sequence_length", "seq_length", "n_positions");
    }

    int heads() {
        return ArchitectureReader.positive(config, config.requireInt("num_attention_heads", "n_head", "n_heads"),
                "num_attention_heads");
    }

    int kvHeads() {
        int heads = heads();
        int kv = config.intOr(heads, "num_key_value_heads", "n_head_kv", "num_kv_heads");
        if (config.boolOr("multi_query", false)) {
            kv = 1;
        }
        if (kv <= 0 || heads % kv != 0) {
            throw ArchitectureReader.invalid(config, "num_key_value_heads " + kv + " must divide num_attention_heads " + heads);
        }
        return kv;
    }

    int headDim() {
        int heads = heads();
        int hd = config.intOr(0, "head_dim", "attention_head_dim", "kv_channels");
        if (hd == 0) {
            if (hidden % heads != 0) {
                throw ArchitectureReader.invalid(config, "hidden_size " + hidden + " is not a multiple of "
                        + heads + " heads and head_dim is missing");
            }
            hd = hidden / heads;
        }
        return hd;
    }

    /** The standard attention of layer {@code i} with the flags set so far. */
    Attention.Standard standardAttention(int i) {
        int hd = headDim();
        return new Attention.Standard(heads(), kvHeads(), hd, hd, AttentionWindow.FULL, fusedQkv, qkvBias, outputBias,
                qkNorm, sinks, false);
    }

    ArchBuilder layer(Attention attention, Ffn ffn) {
        layers.add(new Layer(layers.size(), attention, ffn));
        return this;
    }

    ArchBuilder layer(Attention attention, Ffn ffn, Attention parallel) {
        layers.add(new Layer(layers.size(), attention, ffn, parallel));
        return this;
    }

    ArchBuilder tiedDefault(boolean v) {
        tiedDefault = v;
        return this;
    }

    ArchBuilder qkvBias(boolean v) {
        qkvBias = v;
        return this;
    }

    boolean qkvBias() {
        return qkvBias;
    }

    ArchBuilder outputBias(boolean v) {
        outputBias = v;
        return this;
    }

    ArchBuilder qkNorm(boolean v) {
        qkNorm = v;
        return this;
    }

    ArchBuilder fusedQkv(boolean v) {
        fusedQkv = v;
        return this;
    }

    ArchBuilder sinks(boolean v) {
        sinks = v;
        return this;
    }

    ArchBuilder norms(int n) {
        norms = n;
        return this;
    }

    ArchBuilder nextn(int n, boolean inGguf) {
        nextn = n;
        nextnInGguf = inGguf;
        return this;
    }

    ArchBuilder visionParams(long n) {
        visionParams = n;
        return this;
    }

    ArchBuilder extras(BlockExtras x) {
        extras = x;
        return this;
    }

    void generic() {
        generic = true;
    }

    void warn(String w) {
        warnings.add(w);
    }

    ModelArchitecture build() {
        if (layers.size() != layerCount) {
            throw new IllegalStateException(type + ": built " + layers.size() + " of " + layerCount + " layers");
        }
        boolean tied = config.boolOr("tie_word_embeddings", tiedDefault);
        String gguf = GGUF_ARCH.getOrDefault(type, type);
        return new ModelArchitecture(type, gguf, hidden, vocab, tied, layers, nextn, nextnInGguf, norms, maxContext(),
                visionParams == 0 ? VisionTowers.estimate(config) : visionParams, generic, checkpointQuant(), warnings,
                extras);
    }

    private String checkpointQuant() {
        String q = config.child("quantization_config").flatMap(c -> c.optString("quant_method")).orElse("")
                .toLowerCase(java.util.Locale.ROOT);
        // DeepSeek V4 ships routed experts in FP4 and the rest in FP8 (expert_dtype: fp4).
        boolean fp4Experts = "fp4".equalsIgnoreCase(config.optString("expert_dtype").orElse(""))
                || (type.equals("deepseek_v4") && q.isEmpty());
        if (fp4Experts) {
            return (q.isEmpty() ? "fp8" : q) + "+fp4_experts";
        }
        return q;
    }
}
