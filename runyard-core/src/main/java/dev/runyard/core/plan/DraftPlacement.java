package dev.runyard.core.plan;

import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.SpeculativeDecoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a draft model for speculative decoding to a placed plan: llama.cpp loads it on the first GPU, vLLM on every
 * rank (see {@link SpeculativeDecoding}); the fit is checked again with the draft's bytes on each device.
 */
final class DraftPlacement {
    private DraftPlacement() {
    }

    static LlamaCppPlacement.Placed add(LlamaCppPlacement.Placed placed, PlanRequest.Draft draft, EstimateRequest er,
                                        Machine machine) {
        EstimateRequest dreq = er.toBuilder().quant(draft.quant() != null ? draft.quant() : er.quant())
                .gpus(Math.max(1, er.tensorParallel() * er.pp())).build();
        MemoryEstimate d = MemoryEstimator.estimate(draft.arch(), dreq);
        MemoryEstimate with = SpeculativeDecoding.withDraft(placed.memory(), d, draft.name());
        PlacementPlan p = placed.placement();
        FitLevel fit = p.fit();
        List<String> notes = new ArrayList<>(p.notes());
        notes.add("draft model " + draft.name() + " loaded beside the target");
        if (machine != null && fit != FitLevel.DOES_NOT_FIT) {
            for (int i = 0; i < Math.min(machine.gpus().size(), with.devices().size()); i++) {
                DeviceUsage dev = with.devices().get(i);
                if (dev.name().startsWith("GPU") && dev.totalBytes() > machine.usableGpuBytes(i)) {
                    fit = FitLevel.DOES_NOT_FIT;
                    notes.add(dev.name() + " cannot hold the draft model as well");
                }
            }
        }
        return new LlamaCppPlacement.Placed(new PlacementPlan(fit, p.gpuLayers(), p.cpuMoeLayers(), p.tensorSplit(),
                p.tensorParallel(), with.devices(), p.offloadedBytes(), notes), with);
    }
}
