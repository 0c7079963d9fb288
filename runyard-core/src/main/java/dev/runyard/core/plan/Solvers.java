package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.quant.Quant;
import java.util.Collections;

/**
 * The fewest GPUs of a kind that run a model, searched over {@link Planner#plan}: the same plans every surface
 * shows, on machines of n identical GPUs.
 */
public final class Solvers {
    private Solvers() {
    }

    /** The result of a least-hardware search. */
    public record LeastHardware(int gpus, int tensorParallel, long ctx, String engine) {
    }

    /** The largest group tried. */
    public static final int MAX_GPUS = 1024;

    /**
     * The fewest GPUs of {@code acc} (up to 1024) on which the plan fits entirely on the GPUs: with vLLM/SGLang a
     * power-of-two tensor-parallel group whose KV pool holds one request of {@code ctx}; with llama.cpp a layer split.
     * Null when even 1024 do not suffice.
     *
     * @throws dev.runyard.core.error.RunyardException (bad input) when the engine cannot serve the model this way: a
     *         GPU format with llama.cpp, or more GPUs needed than vLLM/SGLang can split the attention heads over
     */
    public static LeastHardware leastGpus(Planner planner, CatalogModel m, Quant quant, Engine engine, Accelerator acc,
                                          long memoryBytes, long ctx) {
        boolean tp = engine == Engine.VLLM || engine == Engine.SGLANG;
        int heads = m.arch() == null ? 0 : m.arch().attentionHeads();
        for (int n = 1; n <= MAX_GPUS; n = tp ? n * 2 : n < 8 ? n + 1 : n * 2) {
            if (tp && heads > 0 && heads % n != 0) {
                // Tensor parallelism splits the heads evenly; a larger power of two divides them no better.
                throw dev.runyard.core.error.RunyardException.badInput(heads + " attention heads do not split over " + n
                        + " GPUs; " + n / 2 + " are too few", "tensor parallelism splits the heads evenly");
            }
            Machine machine = new Machine(Collections.nCopies(n, new Machine.Gpu(acc, memoryBytes)), 1L << 50,
                    false, Machine.APPLE_DEFAULT_WORKING_SET, Machine.defaultMargin(memoryBytes), Backend.CUDA);
            RunPlan p = planner.plan(m, machine, PlanRequest.of(engine, quant, ctx));
            if (p.fit() == FitLevel.FULL_GPU) {
                return new LeastHardware(n, p.placement().tensorParallel(), ctx, engine.key());
            }
        }
        return null;
    }
}
