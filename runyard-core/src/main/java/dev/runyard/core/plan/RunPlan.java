package dev.runyard.core.plan;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.quant.Quant;
import java.util.List;

/**
 * One answer to "how does this model run here": the artifact it loads, the engine, quant and context, where every
 * byte goes (placement), the memory per device from that one placement, the speed from that same placement, the fit
 * and the command. Every surface renders a RunPlan; none recomputes a part of it.
 *
 * @param fit   null when no machine was given (the plan then sizes requirements only)
 * @param speed null when no machine was given
 */
public record RunPlan(String model, Artifact artifact, Engine engine, Quant quant, long context, FitLevel fit,
                      PlacementPlan placement, MemoryEstimate memory, PlanSpeed speed, LaunchCommand command,
                      List<String> warnings) {
    public RunPlan {
        warnings = List.copyOf(warnings);
    }

    public boolean fits() {
        return fit != null && fit != FitLevel.DOES_NOT_FIT;
    }

    public double decodeTokensPerS() {
        return speed == null ? 0 : speed.decodeTokensPerS();
    }
}
