package dev.runyard.core.plan;

import dev.runyard.core.speed.SpeedEstimate;

/**
 * A plan's speed, from the plan's own placement: decode at the start of a conversation (llama-bench tg-style) and
 * with the context full (the KV cache read at that depth), and pp512-style prefill.
 */
public record PlanSpeed(SpeedEstimate atStart, SpeedEstimate atFullContext,
                        java.util.List<dev.runyard.core.speed.ServingSpeed.Rates> serving) {
    public PlanSpeed {
        serving = serving == null ? java.util.List.of() : java.util.List.copyOf(serving);
    }

    public PlanSpeed(SpeedEstimate atStart, SpeedEstimate atFullContext) {
        this(atStart, atFullContext, java.util.List.of());
    }

    public double decodeTokensPerS() {
        return atStart.decodeTokensPerS();
    }

    public Double prefillTokensPerS() {
        return atStart.prefillTokensPerS();
    }
}
