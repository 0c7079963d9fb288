package dev.runyard.core.format.hfconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvCacheEstimate;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.estimate.Part;
import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.model.TensorInventory;
import dev.runyard.core.quant.Quant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Gemma 3n and Gemma 4 against the published parameter counts and against the KV cache llama.cpp allocates
 * ({@code llama-kv-cache.cpp}: cells × (K row + V row) for each layer with {@code has_kv}; sliding layers keep
 * {@code pad(n_swa + n_ubatch, 256)} cells). Configs: {@code src/test/resources/configs/gemma/SOURCES.md}.
 */
class GemmaArchitectureTest {
    private static final long CTX = 32_768;
    private static final int UBATCH = 512;

    static ModelArchitecture read(String file) {
        try (InputStream in = GemmaArchitectureTest.class.getResourceAsStream("/configs/gemma/" + file)) {
            return ArchitectureReader.read(HfConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<Tensor> tensor(TensorInventory inv, String name) {
        return inv.tensors().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static long llamaCppKv(ModelArchitecture a) {
        return LlamaCppKvCache.estimate(a, CTX, 1, UBATCH, KvType.F16, KvType.F16, false).bytes();
    }

    /** F16 bytes per cell of one layer: (K + V) × KV heads × head size × 2. */
    static long cellBytes(int kvHeads, int headDim) {
        return 2L * kvHeads * headDim * 2;
    }

    /**
     * Gemma 4 31B: 30.7B parameters (Google's launch figure, as the catalog cites it:
     * tpsreport.news/news/gemma-4-multimodal-open-models-256k-context). 50 sliding layers (16 KV heads × 256, window
     * 1024) and 10 global ones (every 6th: 4 KV heads × 512, V = K so no attn_v); no KV sharing.
     */
    @Test
    void gemma4_31B() {
        ModelArchitecture a = read("gemma-4-31B-it.json");
        assertThat(a.ggufArch()).isEqualTo("gemma4");
        assertThat(a.generic()).isFalse();
        assertThat((double) ParameterCounts.total(a)).isCloseTo(30.7e9, within(30.7e9 * 0.005));
        assertThat(ParameterCounts.total(a)).isEqualTo(30_697_345_340L);
        List<Attention.Standard> att = a.layers().stream().map(l -> (Attention.Standard) l.attention()).toList();
        List<Integer> global = indices(att, s -> s.window().isFull());
        assertThat(global).containsExactly(5, 11, 17, 23, 29, 35, 41, 47, 53, 59);
        Attention.Standard g = att.get(5);
        assertThat(List.of(g.kvHeads(), g.headDimK(), g.valueFromKey() ? 1 : 0)).containsExactly(4, 512, 1);
        Attention.Standard s = att.get(0);
        assertThat(List.of(s.kvHeads(), s.headDimK(), s.window().size())).containsExactly(16, 256, 1024);
        assertThat(att).allMatch(Attention.Standard::ownsKv);
        TensorInventory inv = InventoryBuilder.gguf(a);
        assertThat(tensor(inv, "blk.5.attn_v.weight")).isEmpty();
        assertThat(tensor(inv, "blk.5.attn_k.weight").orElseThrow().shape()).containsExactly(5376, 2048);
        assertThat(tensor(inv, "blk.0.attn_v.weight").orElseThrow().shape()).containsExactly(5376, 4096);
        assertThat(tensor(inv, "blk.59.layer_output_scale.weight")).isPresent();
        // llama.cpp: 50 sliding layers x pad(1024 + 512, 256) cells + 10 global layers x 32768 cells.
        assertThat(llamaCppKv(a)).isEqualTo(50L * 1536 * cellBytes(16, 256) + 10L * CTX * cellBytes(4, 512));
        // Without flash attention llama.cpp stores V transposed and pads every layer's V row to the widest (16 x 256):
        // the global layers' V grows from 4 x 512 to 4,096 ("padding V cache to 4096", measured in bench/llamacpp).
        long faOff = LlamaCppKvCache.estimate(a, CTX, 1, UBATCH, KvType.F16, KvType.F16, false, true).bytes();
        assertThat(faOff).isEqualTo(50L * 1536 * cellBytes(16, 256) + 10L * CTX * (4 * 512 + 4096) * 2);
        // vLLM: only the 10 global layers grow with the context: 10 x 2 x 4 x 512 x 2 bytes = 81,920 per token.
        assertThat(vllm(a).kvBytesPerToken()).isEqualTo(10L * cellBytes(4, 512)).isEqualTo(81_920L);
    }

    /**
     * Gemma 4 26B-A4B: 25.2B total, 3.8B active (Google's launch figures, same source as the 31B). Every block runs
     * a dense GeGLU MLP (2112) beside 128 experts of 704, 8 routed per token.
     */
    @Test
    void gemma4_26B_A4B() {
        ModelArchitecture a = read("gemma-4-26B-A4B.json");
        assertThat((double) ParameterCounts.total(a)).isCloseTo(25.2e9, within(25.2e9 * 0.005));
        // 3.8B is rounded to 0.1B: half a step is 1.3%.
        assertThat((double) ParameterCounts.active(a)).isCloseTo(3.8e9, within(0.05e9));
        assertThat(a.layers()).allMatch(l -> l.ffn() instanceof Ffn.Moe m && m.experts() == 128 && m.used() == 8
                && m.expertFf() == 704 && m.sharedFf() == 2112);
        TensorInventory inv = InventoryBuilder.gguf(a);
        assertThat(tensor(inv, "blk.0.ffn_gate.weight").orElseThrow().shape()).containsExactly(2816, 2112);
        assertThat(tensor(inv, "blk.0.ffn_down_exps.weight").orElseThrow().shape()).containsExactly(704, 2816, 128);
        assertThat(tensor(inv, "blk.0.ffn_gate_inp.scale")).isPresent();
        assertThat(tensor(inv, "blk.0.post_ffw_norm_2.weight")).isPresent();
        assertThat(inv.tensors()).noneMatch(t -> t.name().contains("shexp"));
        assertThat(llamaCppKv(a)).isEqualTo(25L * 1536 * cellBytes(8, 256) + 5L * CTX * cellBytes(2, 512));
    }

    /**
     * Gemma 4 12B (gemma4_unified): 11.95B in the model card (as labindex.pages.dev/outputs/google/gemma-4-12b quotes
     * it), which includes the encoder-free image/audio embedders the text inventory leaves out.
     */
    @Test
    void gemma4_12B() {
        ModelArchitecture a = read("gemma-4-12B.json");
        assertThat(a.ggufArch()).isEqualTo("gemma4");
        assertThat((double) ParameterCounts.total(a)).isCloseTo(11.95e9, within(11.95e9 * 0.005));
        assertThat(llamaCppKv(a)).isEqualTo(40L * 1536 * cellBytes(8, 256) + 8L * CTX * cellBytes(1, 512));
    }

    /**
     * Gemma 3n with transformers' {@code Gemma3nTextConfig} defaults ("gemma3n_text-E4B style"): 35 layers, 15 of
     * them sharing KV, per-layer embeddings of 256 per layer, AltUp with 4 streams, LAuReL rank 64. LM Studio lists
     * the text-only E4B GGUF as 6.9B (lmstudio.ai/models/google/gemma-3n-e4b).
     */
    @Test
    void gemma3n_e4bStyleDefaults() {
        ModelArchitecture a = ArchitectureReader.read(HfConfig.parse("""
                {"model_type": "gemma3n", "text_config": {"model_type": "gemma3n_text", "vocab_size": 262400,
                 "hidden_size": 2048, "intermediate_size": 16384, "num_hidden_layers": 35, "num_attention_heads": 8,
                 "num_key_value_heads": 2, "head_dim": 256, "max_position_embeddings": 32768,
                 "sliding_window": 512, "vocab_size_per_layer_input": 262144, "hidden_size_per_layer_input": 256,
                 "altup_num_inputs": 4, "num_kv_shared_layers": 15, "laurel_rank": 64}}""", "gemma3n defaults"));
        assertThat(a.ggufArch()).isEqualTo("gemma3n");
        assertThat((double) ParameterCounts.total(a)).isCloseTo(6.9e9, within(0.05e9));
        List<Attention.Standard> att = a.layers().stream().map(l -> (Attention.Standard) l.attention()).toList();
        // transformers' default pattern: every 5th layer global; llama.cpp's gemma3n keeps KV for layers 0-19.
        assertThat(indices(att, s -> s.window().isFull())).containsExactly(4, 9, 14, 19, 24, 29, 34);
        assertThat(indices(att, Attention.Standard::ownsKv)).hasSize(20).allMatch(i -> i < 20);
        // Shared layers read the last earlier layer of their kind: sliding 18, global 19.
        assertThat(att.get(20).kvSourceLayer()).isEqualTo(18);
        assertThat(att.get(24).kvSourceLayer()).isEqualTo(19);
        TensorInventory inv = InventoryBuilder.gguf(a);
        // Gemma 3n checkpoints (and llama.cpp's loader) keep K/V projections in the sharing layers.
        assertThat(tensor(inv, "blk.30.attn_k.weight")).isPresent();
        assertThat(tensor(inv, "per_layer_token_embd.weight").orElseThrow().shape()).containsExactly(256 * 35, 262144);
        assertThat(tensor(inv, "altup_proj.weight").orElseThrow().shape()).containsExactly(2048, 2048, 3);
        assertThat(tensor(inv, "blk.3.laurel_l.weight").orElseThrow().shape()).containsExactly(2048, 64);
        assertThat(tensor(inv, "blk.3.altup_predict_coef.weight").orElseThrow().shape()).containsExactly(4, 16);
        KvCacheEstimate kv = LlamaCppKvCache.estimate(a, CTX, 1, UBATCH, KvType.F16, KvType.F16, false);
        // 16 sliding layers x pad(512 + 512, 256) cells + 4 global layers x 32768 cells; 15 layers hold none.
        assertThat(kv.bytes()).isEqualTo(16L * 1024 * cellBytes(2, 256) + 4L * CTX * cellBytes(2, 256));
        Map<String, Part> parts = kv.parts().stream().collect(Collectors.toMap(Part::name, p -> p));
        assertThat(parts.get("kv_cache.shared").bytes()).isZero();
        assertThat(parts.get("kv_cache.shared").inputs().get("layers")).isEqualTo(15L);
        assertThat(vllm(a).kvBytesPerToken()).isEqualTo(4L * cellBytes(2, 256));
    }

    /** The per-layer embedding table is a lookup table: llama.cpp keeps it in host memory with token_embd. */
    @Test
    void perLayerEmbeddingStaysInHostMemory() {
        ModelArchitecture a = ArchitectureReader.read(HfConfig.parse("""
                {"model_type": "gemma3n_text", "vocab_size": 262400, "hidden_size": 2048,
                 "intermediate_size": 16384, "num_hidden_layers": 35, "num_attention_heads": 8,
                 "num_key_value_heads": 2, "head_dim": 256, "sliding_window": 512,
                 "vocab_size_per_layer_input": 262144, "hidden_size_per_layer_input": 256,
                 "altup_num_inputs": 4, "num_kv_shared_layers": 15, "laurel_rank": 64}""", "gemma3n defaults"));
        EstimateRequest req = EstimateRequest.builder(Quant.parse("Q4_K_M")).ctx(8192).engine(Engine.parse("llama.cpp"))
                .build();
        MemoryEstimate e = MemoryEstimator.estimate(a, req);
        long ple = 256L * 35 * 262144 * 144 / 256; // Q4_K: 144 bytes per 256 weights
        long embd = 2048L * 262400 * 210 / 256;    // tied token_embd doubles as output: Q6_K
        var host = e.devices().get(e.devices().size() - 1);
        var gpu = e.devices().get(0);
        assertThat(host.weightsBytes()).isEqualTo(embd + ple);
        assertThat(gpu.weightsBytes()).isLessThan(e.weightsBytes() - ple);
        assertThat(e.weightsBytes()).isGreaterThan(ple + embd);
    }

    static MemoryEstimate vllm(ModelArchitecture a) {
        return MemoryEstimator.estimate(a, EstimateRequest.builder(Quant.parse("bf16")).ctx(CTX)
                .engine(Engine.parse("vllm")).gpuMemoryBytes(80L << 30).build());
    }

    static List<Integer> indices(List<Attention.Standard> att, java.util.function.Predicate<Attention.Standard> p) {
        return java.util.stream.IntStream.range(0, att.size()).filter(i -> p.test(att.get(i))).boxed().toList();
    }

}
