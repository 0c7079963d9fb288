package dev.runyard.core.plan;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;

/**
 * Questions answered by searching the estimator: the longest context that fits, and the fewest GPUs of a kind that
 * run a model. Memory never shrinks with context, so a binary search finds the boundary.
 */
public final class Solvers {
    private Solvers() {
    }

    /**
     * The longest context (a multiple of 256, at most {@code maxCtx}) at which a llama.cpp/Ollama run fits at or
     * better than {@code atLeast}; 0 when not even 256 tokens fit.
     */
    public static long maxContext(ModelArchitecture arch, Quant.Gguf quant, EstimateRequest template, Machine machine,
                                  long maxCtx, FitLevel atLeast) {
        WeightsEstimate w = WeightsEstimator.gguf(arch, quant, WeightsEstimator.usualImatrix(quant));
        long lo = 0;
        long hi = Math.max(1, maxCtx / 256);
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            EstimateRequest req = template.toBuilder().ctx(mid * 256).build();
            if (LlamaCppPlacement.plan(arch, req, machine, w).fit().ordinal() <= atLeast.ordinal()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo * 256;
    }

    /** The longest context a vLLM/SGLang deployment can serve one request of (KV capacity), capped at {@code maxCtx}. */
    public static long maxContextVllm(ModelArchitecture arch, EstimateRequest req, long maxCtx) {
        MemoryEstimate e = MemoryEstimator.estimate(arch, req.toBuilder().ctx(Math.min(maxCtx, 4096)).build());
        return e.kvCapacityTokens() == null ? 0 : Math.min(maxCtx, e.kvCapacityTokens());
    }

    /** The result of a least-hardware search. */
    public record LeastHardware(int gpus, int tensorParallel, long ctx, String engine) {
    }

    /**
     * The fewest GPUs of {@code acc} (up to 1024) that serve {@code ctx} tokens: with vLLM/SGLang, a power-of-two
     * tensor-parallel group whose KV pool holds one request of {@code ctx}; with llama.cpp, a layer split that keeps
     * everything on the GPUs. Null when even 1024 do not suffice.
     *
     * @throws RunyardException (bad input) when the engine cannot serve the model this way: a GPU format with
     *                          llama.cpp, or more GPUs needed than vLLM/SGLang can split the attention heads over
     */
    public static LeastHardware leastGpus(ModelArchitecture arch, Quant quant, Engine engine, Accelerator acc,
                                          long memoryBytes, long ctx) {
        if (engine == Engine.VLLM || engine == Engine.SGLANG) {
            int heads = arch.attentionHeads();
            for (int tp = 1; tp <= 1024; tp *= 2) {
                if (heads > 0 && heads % tp != 0) {
                    // Tensor parallelism splits the heads evenly; a larger power of two divides them no better.
                    throw RunyardException.badInput(heads + " attention heads do not split over " + tp + " GPUs; "
                            + tp / 2 + " are too few", "tensor parallelism splits the heads evenly");
                }
                EstimateRequest req = EstimateRequest.builder(quant).engine(engine).ctx(ctx).gpus(tp).tp(tp)
                        .gpuMemoryBytes(memoryBytes).build();
                MemoryEstimate e = MemoryEstimator.estimate(arch, req);
                if (e.kvCapacityTokens() != null && e.kvCapacityTokens() >= ctx) {
                    return new LeastHardware(tp, tp, ctx, engine.key());
                }
            }
            return null;
        }
        if (!(quant instanceof Quant.Gguf g)) {
            throw RunyardException.badInput(engine.key() + " runs GGUF quantizations, and " + quant.name()
                    + " is not one", null);
        }
        WeightsEstimate w = WeightsEstimator.gguf(arch, g, WeightsEstimator.usualImatrix(g));
        for (int n = 1; n <= 1024; n = n < 8 ? n + 1 : n * 2) {
            Machine m = new Machine(java.util.Collections.nCopies(n, new Machine.Gpu(acc, memoryBytes)), 1L << 50, false,
                    Machine.APPLE_DEFAULT_WORKING_SET, Machine.defaultMargin(memoryBytes), "cuda");
            EstimateRequest req = EstimateRequest.builder(quant).engine(engine).ctx(ctx).gpus(n).build();
            if (LlamaCppPlacement.plan(arch, req, m, w).fit() == FitLevel.FULL_GPU) {
                return new LeastHardware(n, 1, ctx, engine.key());
            }
        }
        return null;
    }

}
