package dev.runyard.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.format.ByteSource;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.GgmlType;
import org.junit.jupiter.api.Test;

/**
 * A Gemma 3n / Gemma 4 GGUF's metadata (as llama.cpp's converter writes it: per-layer sliding pattern, head counts
 * and FFN widths as arrays, {@code attention.shared_kv_layers}, {@code embedding_length_per_layer_input}) reads back
 * into the same architecture as the equivalent config.json.
 */
class GgufGemmaConfigTest {
    static final int E = 64;
    static final int VOCAB = 100;

    @Test
    void gemma4MetadataReadsBackAsTheConfig() {
        GgufWriter w = new GgufWriter()
                .str("general.architecture", "gemma4")
                .u32("gemma4.context_length", 4096)
                .u32("gemma4.embedding_length", E)
                .u32("gemma4.block_count", 12)
                .i32Array("gemma4.feed_forward_length", 128, 128, 128, 128, 128, 128, 128, 128, 128, 256, 256, 256)
                .u32("gemma4.attention.head_count", 4)
                .i32Array("gemma4.attention.head_count_kv", 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 1)
                .u32("gemma4.attention.key_length", 64)
                .u32("gemma4.attention.key_length_swa", 32)
                .u32("gemma4.attention.sliding_window", 512)
                .boolArray("gemma4.attention.sliding_window_pattern", true, true, true, true, true, false,
                        true, true, true, true, true, false)
                .u32("gemma4.attention.shared_kv_layers", 3)
                .u32("gemma4.embedding_length_per_layer_input", 16)
                .tensor("token_embd.weight", GgmlType.Q8_0, E, VOCAB)
                .tensor("per_layer_token_embd.weight", GgmlType.Q8_0, 16 * 12, VOCAB)
                .tensor("blk.5.attn_k.weight", GgmlType.Q8_0, E, 64);
        HfConfig fromGguf = GgufConfig.toConfig(GgufReader.read(ByteSource.of(w.bytes()), "gemma4.gguf"));
        HfConfig config = HfConfig.parse("""
                {"model_type": "gemma4_text", "hidden_size": 64, "num_hidden_layers": 12, "intermediate_size": 128,
                 "use_double_wide_mlp": true, "num_attention_heads": 4, "num_key_value_heads": 2,
                 "num_global_key_value_heads": 1, "head_dim": 32, "global_head_dim": 64, "attention_k_eq_v": true,
                 "sliding_window": 512, "num_kv_shared_layers": 3, "hidden_size_per_layer_input": 16,
                 "vocab_size_per_layer_input": 100, "vocab_size": 100, "max_position_embeddings": 4096,
                 "layer_types": ["sliding_attention", "sliding_attention", "sliding_attention", "sliding_attention",
                                 "sliding_attention", "full_attention", "sliding_attention", "sliding_attention",
                                 "sliding_attention", "sliding_attention", "sliding_attention", "full_attention"]}
                """, "config.json");
        ModelArchitecture a = assertSameArchitecture(fromGguf, config);
        // Layers 9-11 share: the sliding ones read layer 8, the global one layer 5; layer 11 has no K/V weights.
        assertThat(a.layers().stream().map(l -> ((dev.runyard.core.model.Attention.Standard) l.attention())
                .kvSourceLayer()).toList()).containsExactly(-1, -1, -1, -1, -1, -1, -1, -1, -1, 8, 8, 5);
    }

    @Test
    void gemma3nMetadataReadsBackAsTheConfig() {
        int n = 25;
        int[] ff = new int[n];
        java.util.Arrays.fill(ff, 256);
        GgufWriter w = new GgufWriter()
                .str("general.architecture", "gemma3n")
                .u32("gemma3n.context_length", 32768)
                .u32("gemma3n.embedding_length", E)
                .u32("gemma3n.block_count", n)
                .i32Array("gemma3n.feed_forward_length", ff)
                .u32("gemma3n.attention.head_count", 4)
                .u32("gemma3n.attention.head_count_kv", 2)
                .u32("gemma3n.attention.key_length", 16)
                .u32("gemma3n.attention.sliding_window", 512)
                .tensor("token_embd.weight", GgmlType.Q8_0, E, VOCAB)
                .tensor("per_layer_token_embd.weight", GgmlType.F16, 16 * n, VOCAB)
                .tensor("altup_proj.weight", GgmlType.F16, E, E, 3)
                .tensor("blk.0.laurel_l.weight", GgmlType.F16, E, 8);
        HfConfig fromGguf = GgufConfig.toConfig(GgufReader.read(ByteSource.of(w.bytes()), "gemma3n.gguf"));
        // llama.cpp's gemma3n loader keeps KV in the first 20 layers (n_layer_kv_from_start) whatever the file says.
        HfConfig config = HfConfig.parse("""
                {"model_type": "gemma3n_text", "hidden_size": 64, "num_hidden_layers": 25, "intermediate_size": 256,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "sliding_window": 512,
                 "num_kv_shared_layers": 5, "hidden_size_per_layer_input": 16, "vocab_size_per_layer_input": 100,
                 "altup_num_inputs": 4, "laurel_rank": 8, "vocab_size": 100,
                 "max_position_embeddings": 32768}""", "config.json");
        assertSameArchitecture(fromGguf, config);
    }

    static ModelArchitecture assertSameArchitecture(HfConfig fromGguf, HfConfig config) {
        ModelArchitecture a = ArchitectureReader.read(fromGguf);
        ModelArchitecture b = ArchitectureReader.read(config);
        assertThat(a.generic()).isFalse();
        assertThat(a.layers()).isEqualTo(b.layers());
        assertThat(a.extras()).isEqualTo(b.extras());
        assertThat(InventoryBuilder.gguf(a).parameterCount()).isEqualTo(InventoryBuilder.gguf(b).parameterCount());
        return a;
    }
}
