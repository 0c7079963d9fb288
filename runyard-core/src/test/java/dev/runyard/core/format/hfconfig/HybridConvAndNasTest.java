package dev.runyard.core.format.hfconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.model.TensorInventory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LFM2 / LFM2-MoE short convolutions, Nemotron-NAS pruned blocks and the Nemotron 3 variants (layers_block_type,
 * LatentMoE, MTP) read from real configs ({@code src/test/resources/configs/hybrid/SOURCES.md}), against published
 * parameter counts and against how llama.cpp sizes their memory: a KV cache for attention layers only
 * ({@code llama-kv-cache.cpp} with the hybrid filter), and per sequence an F32 conv state of
 * {@code (conv_L_cache - 1) × n_embd} for each short-conv layer ({@code llama-memory-recurrent.cpp},
 * {@code n_embd_r()} of LFM2).
 */
class HybridConvAndNasTest {
    private static final long CTX = 32_768;

    static ModelArchitecture read(String file) {
        try (InputStream in = HybridConvAndNasTest.class.getResourceAsStream("/configs/hybrid/" + file)) {
            return ArchitectureReader.read(HfConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Tensor tensor(TensorInventory inv, String name) {
        return inv.tensors().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tensor " + name));
    }

    static boolean has(TensorInventory inv, String name) {
        return inv.tensors().stream().anyMatch(t -> t.name().equals(name));
    }

    static long count(ModelArchitecture a, Class<?> kind) {
        return a.layers().stream().filter(l -> kind.isInstance(l.attention())).count();
    }

    @Test
    void lfm2ReproducesItsPublishedCountExactly() {
        ModelArchitecture a = read("lfm2-700m.json");
        assertThat(a.ggufArch()).isEqualTo("lfm2");
        assertThat(ParameterCounts.total(a)).isEqualTo(742_489_344L);
        assertThat(a.tiedEmbeddings()).isTrue();
        // full_attn_idxs [2, 5, 8, 10, 12, 14]: six attention blocks, ten short convolutions
        assertThat(count(a, Attention.Standard.class)).isEqualTo(6);
        assertThat(count(a, Attention.Recurrent.class)).isEqualTo(10);
        assertThat(a.layers().get(2).attention()).isInstanceOf(Attention.Standard.class);
        TensorInventory inv = InventoryBuilder.gguf(a);
        assertThat(tensor(inv, "blk.0.shortconv.in_proj.weight").shape()).containsExactly(1536, 3 * 1536);
        assertThat(tensor(inv, "blk.0.shortconv.conv.weight").shape()).containsExactly(3, 1536);
        assertThat(tensor(inv, "blk.0.shortconv.out_proj.weight").shape()).containsExactly(1536, 1536);
        assertThat(has(inv, "blk.0.attn_q.weight")).isFalse();
        assertThat(tensor(inv, "blk.2.attn_k.weight").shape()).containsExactly(1536, 8 * 64);
        assertThat(has(inv, "blk.2.attn_q_norm.weight")).isTrue();
        // block_ff_dim 10240, auto-adjusted: 2/3 → 6826, rounded up to 256 → 6912
        assertThat(tensor(inv, "blk.0.ffn_gate.weight").shape()).containsExactly(1536, 6912);
    }

    @Test
    void lfm2KeepsKvOnlyOnAttentionLayersAndAConvStatePerSequence() {
        ModelArchitecture a = read("lfm2-700m.json");
        int nSeq = 4;
        long[] perLayer = LlamaCppKvCache.layerBytes(a, CTX, nSeq, 512, KvType.F16, KvType.F16, false);
        long kvCell = 2L * 8 * 64 * 2; // (K + V) × 8 KV heads × 64 × F16
        long convState = 2L * 1536 * 4; // (conv_L_cache 3 - 1) × n_embd × F32
        for (Layer l : a.layers()) {
            long expected = l.attention() instanceof Attention.Standard ? CTX * kvCell : nSeq * convState;
            assertThat(perLayer[l.index()]).as("layer " + l.index()).isEqualTo(expected);
        }
        // the conv state does not grow with the context
        long[] longer = LlamaCppKvCache.layerBytes(a, 4 * CTX, nSeq, 512, KvType.F16, KvType.F16, false);
        assertThat(longer[0]).isEqualTo(perLayer[0]);
        assertThat(longer[2]).isEqualTo(4 * perLayer[2]);
    }

    @Test
    void lfm2MoeRoutesAfterItsDenseLayersAndMatchesTheCard() {
        ModelArchitecture a = read("lfm2-moe-8b-a1b-finetune.json");
        assertThat(a.ggufArch()).isEqualTo("lfm2moe");
        // LFM2-8B-A1B card: 8.3B total, 1.5B active
        assertThat(ParameterCounts.total(a) / 1e9).isCloseTo(8.3, within(0.05));
        assertThat(ParameterCounts.active(a) / 1e9).isCloseTo(1.5, within(0.07));
        assertThat(a.layers().get(0).ffn()).isEqualTo(Ffn.Dense.gated(7168));
        assertThat(a.layers().get(2).ffn()).isInstanceOf(Ffn.Moe.class);
        TensorInventory inv = InventoryBuilder.gguf(a);
        assertThat(tensor(inv, "blk.2.ffn_up_exps.weight").shape()).containsExactly(2048, 1792, 32);
        assertThat(has(inv, "blk.2.exp_probs_b.bias")).isTrue(); // use_expert_bias
        assertThat(count(a, Attention.Standard.class)).isEqualTo(6);
    }

    @Test
    void nemotronNasReadsEachPrunedBlock() {
        ModelArchitecture a = read("nemotron-super-49b-v1.json");
        assertThat(a.ggufArch()).isEqualTo("deci");
        List<Layer> layers = a.layers();
        assertThat(layers).hasSize(80);
        long attention = count(a, Attention.Standard.class);
        assertThat(attention).isEqualTo(49);
        assertThat(count(a, Attention.None.class)).isEqualTo(31);
        assertThat(layers.get(6).attention()).isInstanceOf(Attention.None.class); // block 6: attention no_op
        assertThat(((Attention.Standard) layers.get(0).attention()).kvHeads()).isEqualTo(8); // 64 / n_heads_in_group 8
        assertThat(layers.get(0).ffn()).isEqualTo(Ffn.Dense.gated(14_336)); // ffn_mult 2.625
        assertThat(layers.get(1).ffn()).isEqualTo(Ffn.Dense.gated(28_672)); // ffn_mult 5.25
        TensorInventory inv = InventoryBuilder.gguf(a);
        assertThat(has(inv, "blk.6.attn_q.weight")).isFalse();
        // the published size is "49B"; tied off embeddings, 49 GQA blocks and 80 SwiGLU blocks give 49.87B
        assertThat(ParameterCounts.total(a) / 1e9).isCloseTo(49.9, within(0.1));
        long[] kv = LlamaCppKvCache.layerBytes(a, CTX, 1, 512, KvType.F16, KvType.F16, false);
        assertThat(kv[6]).isZero();
        assertThat(kv[0]).isEqualTo(CTX * 2L * 8 * 128 * 2);
        assertThat(LlamaCppKvCache.estimate(a, CTX, 1, 512, KvType.F16, KvType.F16, false).bytes())
                .isEqualTo(attention * CTX * 2L * 8 * 128 * 2);
    }

    @Test
    void ffnMultFollowsDeciLmRounding() {
        assertThat(NemotronNasArchitecture.ffnWidth(2.625, 8192)).isEqualTo(14_336);
        assertThat(NemotronNasArchitecture.ffnWidth(0.5, 8192)).isEqualTo(2816); // 2730.67 → 2816
        assertThat(NemotronNasArchitecture.ffnWidth(1.3125, 8192)).isEqualTo(7168);
    }

    @Test
    void nemotronNasRefusesAnFfnReplacedByALinearLayerInOneLine() {
        String json = """
                {"model_type": "nemotron-nas", "hidden_size": 64, "num_hidden_layers": 1, "vocab_size": 100,
                 "num_attention_heads": 4, "block_configs": [{"attention": {"n_heads_in_group": 2, "no_op": false,
                 "replace_with_linear": false}, "ffn": {"ffn_mult": 1.0, "no_op": false, "replace_with_linear": true}}]}
                """;
        assertThatThrownBy(() -> ArchitectureReader.read(HfConfig.parse(json, "nas.json")))
                .isInstanceOf(RunyardException.class).hasMessageContaining("replaced by a linear layer")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void nemotronNasLinearAttentionHasAProjectionAndNoCache() {
        String json = """
                {"model_type": "nemotron-nas", "hidden_size": 64, "num_hidden_layers": 1, "vocab_size": 100,
                 "num_attention_heads": 4, "block_configs": [{"attention": {"no_op": false,
                 "replace_with_linear": true}, "ffn": {"ffn_mult": 1.0, "no_op": false}}]}
                """;
        ModelArchitecture a = ArchitectureReader.read(HfConfig.parse(json, "nas.json"));
        assertThat(a.layers().get(0).attention()).isInstanceOf(Attention.Linear.class);
        assertThat(tensor(InventoryBuilder.gguf(a), "blk.0.attn_output.weight").shape()).containsExactly(64, 64);
        assertThat(LlamaCppKvCache.estimate(a, CTX, 1, 512, KvType.F16, KvType.F16, false).bytes()).isZero();
    }

    @Test
    void nemotron35ReadsLayersBlockType() {
        ModelArchitecture a = read("nemotron-3.5-lightning-30b.json");
        assertThat(a.layers()).hasSize(52);
        assertThat(count(a, Attention.Standard.class)).isEqualTo(6);
        assertThat(count(a, Attention.Recurrent.class)).isEqualTo(23);
        assertThat(a.nextnLayers()).isEqualTo(1);
        // published "30B total / 3B active" (built on Nemotron 3 Nano's 31.6B shape)
        assertThat(ParameterCounts.total(a) / 1e9).isCloseTo(31.6, within(0.1));
        long kv = LlamaCppKvCache.estimate(a, CTX, 1, 512, KvType.F16, KvType.F16, false).bytes();
        Attention.Recurrent m = (Attention.Recurrent) a.layers().get(0).attention();
        long attentionKv = 6 * CTX * 2L * 2 * 128 * 2; // 6 layers × cells × (K+V) × 2 KV heads × 128 × F16
        assertThat(kv).isEqualTo(attentionKv + 23 * (m.convStateElements() + m.ssmStateElements()) * 4);
    }

    @Test
    void nemotron3UltraTakesItsLayerCountFromTheBlockList() {
        ModelArchitecture a = read("nemotron-3-ultra-550b.json"); // num_hidden_layers is null
        assertThat(a.layers()).hasSize(108);
        Ffn.Moe moe = (Ffn.Moe) a.layers().get(1).ffn();
        assertThat(moe.latent()).isEqualTo(2048);
        assertThat(ParameterCounts.total(a) / 1e9).isCloseTo(550, within(5.0)); // published "550B total"
    }

    @Test
    void latentMoeExpertsLiveInTheLatentSpace() {
        ModelArchitecture a = read("nemotron-3-super-120b.json");
        TensorInventory inv = InventoryBuilder.checkpoint(a);
        assertThat(tensor(inv, "blk.1.ffn_latent_down.weight").shape()).containsExactly(4096, 1024);
        assertThat(tensor(inv, "blk.1.ffn_latent_up.weight").shape()).containsExactly(1024, 4096);
        assertThat(tensor(inv, "blk.1.ffn_up_exps.weight").shape()).containsExactly(1024, 2688, 512);
        assertThat(tensor(inv, "blk.1.ffn_down_exps.weight").shape()).containsExactly(2688, 1024, 512);
        assertThat(tensor(inv, "blk.1.ffn_up_shexp.weight").shape()).containsExactly(4096, 5376);
        // published total 123,611,012,096 counts the MTP block; its attention part (~35M) is not modelled
        assertThat((double) inv.parameterCount()).isCloseTo(123_611_012_096.0, within(123_611_012_096.0 * 0.001));
        assertThat(InventoryBuilder.gguf(a).parameterCount()).isEqualTo(ParameterCounts.total(a));
    }
}
