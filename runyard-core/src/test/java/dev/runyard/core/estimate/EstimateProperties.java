package dev.runyard.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the estimator over random dense and MoE architectures. */
class EstimateProperties {
    /**
     * GGUF file types from fewest to most bits along ladders where every tensor's type is at least as wide as in the
     * previous step. Across ladders llama.cpp's own mixtures are not monotone (for 8-expert models Q3_K_M promotes
     * attn_output to Q5_K and Q3_K_L does not; a 1-layer model's Q4_K_M outweighs Q5_K_S), so they are not chained.
     */
    static final List<String> K_QUANTS = List.of("Q2_K", "Q3_K_M", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "F16", "F32");
    static final List<String> I_QUANTS = List.of("Q4_0", "Q5_0", "Q8_0", "BF16");
    /** MXFP4 applies to expert stacks only, so it is compared with BF16 alone. */
    static final List<String> GPU_FORMATS = List.of("awq", "nvfp4", "nf4", "fp8", "bf16");

    @Provide
    Arbitrary<ModelArchitecture> models() {
        Arbitrary<Integer> headDim = Arbitraries.of(64, 128, 256);
        Arbitrary<Integer> heads = Arbitraries.of(4, 8, 16, 32, 64);
        Arbitrary<Integer> kvDiv = Arbitraries.of(1, 2, 4, 8);
        Arbitrary<Integer> layers = Arbitraries.integers().between(1, 64);
        Arbitrary<Integer> ff = Arbitraries.integers().between(2, 64).map(x -> x * 256);
        Arbitrary<Integer> vocab = Arbitraries.integers().between(1000, 160000);
        Arbitrary<Integer> experts = Arbitraries.of(0, 0, 8, 64, 128);
        Arbitrary<Boolean> tied = Arbitraries.of(true, false);
        return Combinators.combine(headDim, heads, kvDiv, layers, ff, vocab, experts, tied)
                .as((hd, h, kd, l, f, v, e, t) -> {
                    int kv = Math.max(1, h / kd);
                    String moe = e == 0 ? "" : String.format(Locale.ROOT,
                            ", \"num_experts\": %d, \"num_experts_per_tok\": %d, \"moe_intermediate_size\": %d", e,
                            Math.min(8, e), Math.max(256, f / 4));
                    String json = String.format(Locale.ROOT, "{\"model_type\": \"%s\", \"hidden_size\": %d, "
                            + "\"num_hidden_layers\": %d, \"num_attention_heads\": %d, \"num_key_value_heads\": %d, "
                            + "\"head_dim\": %d, \"intermediate_size\": %d, \"vocab_size\": %d, "
                            + "\"tie_word_embeddings\": %s%s}", e == 0 ? "qwen3" : "qwen3_moe", h * hd, l, h, kv, hd,
                            f, v, t, moe);
                    return ArchitectureReader.read(HfConfig.parse(json, "generated"));
                });
    }

    static MemoryEstimate estimate(ModelArchitecture m, String quant, long ctx, String engine, int gpus) {
        EstimateRequest req = EstimateRequest.builder(Quant.parse(quant)).ctx(ctx).engine(Engine.parse(engine))
                .gpus(gpus).gpuMemoryBytes(engine.equals("llama.cpp") ? 0 : 80L << 30).build();
        return MemoryEstimator.estimate(m, req);
    }

    @Property(tries = 200)
    void moreContextNeverNeedsLessMemory(@ForAll("models") ModelArchitecture m,
                                         @ForAll @IntRange(min = 1, max = 200_000) int ctx,
                                         @ForAll @IntRange(min = 1, max = 100_000) int more) {
        MemoryEstimate a = estimate(m, "Q4_K_M", ctx, "llama.cpp", 1);
        MemoryEstimate b = estimate(m, "Q4_K_M", (long) ctx + more, "llama.cpp", 1);
        assertThat(b.kvCacheBytes()).isGreaterThanOrEqualTo(a.kvCacheBytes());
        assertThat(b.totalBytes()).isGreaterThanOrEqualTo(a.totalBytes());
        MemoryEstimate c = estimate(m, "bf16", ctx, "mlx", 1);
        MemoryEstimate d = estimate(m, "bf16", (long) ctx + more, "mlx", 1);
        assertThat(d.totalBytes()).isGreaterThanOrEqualTo(c.totalBytes());
    }

    @Property(tries = 150)
    void fewerBitsNeverNeedMoreWeightBytes(@ForAll("models") ModelArchitecture m) {
        for (List<String> chain : List.of(K_QUANTS, I_QUANTS)) {
            long prev = 0;
            for (String q : chain) {
                long w = estimate(m, q, 4096, "llama.cpp", 1).weightsBytes();
                assertThat(w).as("%s after a smaller quant", q).isGreaterThanOrEqualTo(prev);
                prev = w;
            }
        }
        long prev = 0;
        for (String q : GPU_FORMATS) {
            long w = estimate(m, q, 4096, "vllm", 1).weightsBytes();
            assertThat(w).as(q).isGreaterThanOrEqualTo(prev);
            prev = w;
        }
        assertThat(estimate(m, "mxfp4", 4096, "vllm", 1).weightsBytes()).isLessThanOrEqualTo(prev);
    }

    @Property(tries = 200)
    void partsSumToTotalsAndDevicesToo(@ForAll("models") ModelArchitecture m,
                                       @ForAll @IntRange(min = 1, max = 300_000) int ctx,
                                       @ForAll @IntRange(min = 1, max = 8) int gpus,
                                       @ForAll("engines") String engine) {
        String quant = engine.equals("llama.cpp") || engine.equals("ollama") ? "Q4_K_M" : "bf16";
        MemoryEstimate e;
        try {
            e = estimate(m, quant, ctx, engine, engine.equals("mlx") ? 1 : gpus);
        } catch (dev.runyard.core.error.RunyardException refused) {
            // vLLM/SGLang refuse GPU counts that do not divide the attention heads: not a case this property covers.
            Assume.that(refused.kind() != dev.runyard.core.error.RunyardException.Kind.BAD_INPUT);
            throw refused;
        }
        long parts = e.breakdown().stream().mapToLong(Part::bytes).sum();
        assertThat(parts).isEqualTo(e.totalBytes());
        if (e.kvBytesPerToken() == null) {
            assertThat(e.devices().stream().mapToLong(DeviceUsage::totalBytes).sum()).isEqualTo(e.totalBytes());
        } else {
            // vLLM/SGLang figures are per GPU: every rank holds the same.
            assertThat(e.devices()).allSatisfy(d -> assertThat(d.totalBytes()).isEqualTo(e.totalBytes()));
        }
    }

    @Provide
    Arbitrary<String> engines() {
        return Arbitraries.of("llama.cpp", "ollama", "vllm", "sglang", "mlx");
    }
}
