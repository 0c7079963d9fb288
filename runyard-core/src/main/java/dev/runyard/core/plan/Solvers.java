package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.quant.Quant;
import java.util.Collections;

/**
 * The fewest GPUs of a kind that run a model, searched over {@link Planner#plan}: the same plans every surface
 * shows, on machines of n identical GPUs.
 */
public final class Solvers {
    private Solvers() {
    }

    /** The result of a least-hardware search; {@code gpus} null when even the largest group does not suffice. */
    public record LeastHardware(Integer gpus, int tensorParallel, long ctx, String engine, String note) {
    }

    /** The largest group tried. */
    public static final int MAX_GPUS = 1024;

    /**
     * The fewest GPUs of {@code acc} (up to 1024) on which the plan fits entirely on the GPUs: with vLLM/SGLang a
     * power-of-two tensor-parallel group whose KV pool holds one request of {@code ctx}; with llama.cpp a layer split.
     * Never throws for a valid model: a combination the engine refuses comes back with {@code gpus} null and a note.
     */
    public static LeastHardware leastGpus(Planner planner, CatalogModel m, Quant quant, Engine engine, Accelerator acc,
                                          long memoryBytes, long ctx) {
        boolean tp = engine == Engine.VLLM || engine == Engine.SGLANG;
        int last = 0;
        try {
            for (int n = 1; n <= MAX_GPUS; n = tp ? n * 2 : n < 8 ? n + 1 : n * 2) {
                last = n;
                Machine machine = new Machine(Collections.nCopies(n, new Machine.Gpu(acc, memoryBytes)), 1L << 50,
                        false, Machine.APPLE_DEFAULT_WORKING_SET, Machine.defaultMargin(memoryBytes), "cuda");
                RunPlan p = planner.plan(m, machine, PlanRequest.of(engine, quant, ctx));
                if (p.fit() == FitLevel.FULL_GPU) {
                    return new LeastHardware(n, p.placement().tensorParallel(), ctx, engine.key(), null);
                }
            }
            return new LeastHardware(null, 0, ctx, engine.key(), "more than " + MAX_GPUS + " GPUs");
        } catch (RuntimeException e) {
            return new LeastHardware(null, 0, ctx, engine.key(), "not applicable at " + last + " GPU(s): "
                    + e.getMessage());
        }
    }
}
