package dev.runyard.core.rank;

import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.RunPlan;
import java.util.List;
import java.util.Map;

/**
 * One ranked model: the plan chosen for the machine (its memory, speed and command are the plan's, unchanged) and
 * the score with its components.
 */
public record RankedResult(String model, String name, RunPlan plan, double score, Map<String, Object> components) {
    public RankedResult {
        if (plan.command() == null) {
            // A priced plan (Planner#price) has no command or breakdown: it may be scored, never shown.
            throw new IllegalArgumentException("a ranked result needs a full plan, not a priced one: " + model);
        }
        // Keep the components' order: JSON output must be byte-for-byte deterministic.
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }

    public String quant() {
        return plan.quant().name();
    }

    public String engine() {
        return plan.engine().key();
    }

    public long context() {
        return plan.context();
    }

    public long totalBytes() {
        return plan.placement().totalBytes();
    }

    public List<Long> deviceBytes() {
        return plan.placement().deviceBytes();
    }

    public long hostBytes() {
        return plan.placement().hostBytes();
    }

    public FitLevel fit() {
        return plan.fit();
    }

    public double decodeTokensPerS() {
        return plan.decodeTokensPerS();
    }

    public Double prefillTokensPerS() {
        return plan.speed() == null ? null : plan.speed().prefillTokensPerS();
    }

    public String command() {
        return plan.command().text();
    }

    public List<String> notes() {
        return plan.placement().notes();
    }
}
