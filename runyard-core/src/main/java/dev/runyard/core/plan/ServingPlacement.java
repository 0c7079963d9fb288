package dev.runyard.core.plan;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Places vLLM/SGLang (tensor parallel over identical GPUs, power-of-two group sizes that divide the attention heads,
 * the KV pool holding one request of the context) and MLX (unified memory within the GPU's working-set limit).
 * Everything stays on the GPUs: these engines do not offload.
 */
final class ServingPlacement {
    private ServingPlacement() {
    }

    /** Why a machine cannot host the engine at all, or null when it can. */
    static String unsuitable(Engine engine, Machine m) {
        if (engine == Engine.MLX) {
            return m.unifiedMemory() && m.hasGpu() ? null : "MLX runs on Apple silicon only";
        }
        if (!m.hasGpu()) {
            return engine.key() + " needs a GPU and the machine has none";
        }
        if (m.unifiedMemory()) {
            return engine.key() + " does not run on Apple silicon; use llama.cpp or MLX";
        }
        if (!m.identicalGpus()) {
            return engine.key() + " tensor parallelism needs identical GPUs; use llama.cpp for mixed GPUs";
        }
        return null;
    }

    static LlamaCppPlacement.Placed vllm(ModelArchitecture arch, EstimateRequest template, Machine m,
                                         WeightsEstimate exact) {
        String reason = unsuitable(template.engine(), m);
        long mem = m.hasGpu() ? m.gpus().get(0).memoryBytes() : 0;
        List<String> notes = new ArrayList<>();
        if (reason != null) {
            EstimateRequest r = template.toBuilder().gpus(1).tp(1).pp(1).gpuMemoryBytes(mem).build();
            notes.add(reason);
            return new LlamaCppPlacement.Placed(placement(FitLevel.DOES_NOT_FIT, 1,
                    MemoryEstimator.estimate(arch, r, exact), notes), MemoryEstimator.estimate(arch, r, exact));
        }
        int gpus = m.gpus().size();
        int heads = arch.attentionHeads();
        List<Integer> sizes = new ArrayList<>();
        if (template.tp() > 0) {
            sizes.add(template.tp());
        } else {
            for (int tp = 1; tp <= gpus; tp *= 2) {
                if (heads <= 0 || heads % tp == 0) { // vLLM shards attention heads evenly over TP ranks
                    sizes.add(tp);
                }
            }
        }
        MemoryEstimate last = null;
        int lastTp = 1;
        for (int tp : sizes) {
            EstimateRequest r = template.toBuilder().gpus(tp * template.pp()).tp(tp).gpuMemoryBytes(mem).build();
            MemoryEstimate e = MemoryEstimator.estimate(arch, r, exact);
            last = e;
            lastTp = tp;
            if (holdsOneRequest(e, r.ctx())) {
                notes.add(String.format(Locale.ROOT, "tensor parallel %d: the smallest group whose KV pool holds the "
                        + "context; pool %,d tokens (%.1f requests of %,d)", tp, e.kvCapacityTokens(),
                        e.maxConcurrency(), r.ctx()));
                return new LlamaCppPlacement.Placed(placement(FitLevel.FULL_GPU, tp, e, notes), e);
            }
        }
        notes.add("no tensor-parallel group of up to " + gpus + " GPU(s) holds one request of " + template.ctx()
                + " tokens");
        return new LlamaCppPlacement.Placed(placement(FitLevel.DOES_NOT_FIT, lastTp, last, notes), last);
    }

    static boolean holdsOneRequest(MemoryEstimate e, long ctx) {
        return e.kvCapacityTokens() != null && e.kvCapacityTokens() >= ctx && e.maxConcurrency() != null
                && e.maxConcurrency() >= 1;
    }

    static LlamaCppPlacement.Placed mlx(ModelArchitecture arch, EstimateRequest template, Machine m,
                                        WeightsEstimate exact) {
        MemoryEstimate e = MemoryEstimator.estimate(arch, template, exact);
        List<String> notes = new ArrayList<>();
        String reason = unsuitable(Engine.MLX, m);
        FitLevel fit;
        if (reason != null) {
            notes.add(reason);
            fit = FitLevel.DOES_NOT_FIT;
        } else {
            notes.add("unified memory: the GPU may use " + (m.usableGpuBytesTotal() >> 20) + " MiB (its working-set"
                    + " limit less the safety margin)");
            fit = e.totalBytes() <= m.usableGpuBytesTotal() ? FitLevel.FULL_GPU : FitLevel.DOES_NOT_FIT;
        }
        return new LlamaCppPlacement.Placed(placement(fit, 1, e, notes), e);
    }

    private static PlacementPlan placement(FitLevel fit, int tp, MemoryEstimate e, List<String> notes) {
        return new PlacementPlan(fit, 0, 0, List.of(), tp, e.devices(), 0, notes);
    }
}
