package dev.runyard.core.speed;

import java.util.Map;

/**
 * Decode and prefill speed with a low–high band and the basis behind it. Prefill is null where the hardware has no
 * published compute figure.
 *
 * @param decodeTokensPerS  tokens per second while generating at the given depth (llama-bench tg-style)
 * @param prefillTokensPerS prompt tokens per second for a 512-token batch (pp512-style), or null
 * @param inputs            what the figures were computed from; {@link #basis()} states it
 */
public record SpeedEstimate(double decodeTokensPerS, double decodeLow, double decodeHigh, Double prefillTokensPerS,
                            Double prefillLow, Double prefillHigh, SpeedInputs inputs) {
    /**
     * Method, bandwidth, efficiencies and per-token costs used, with their sources. Built when asked for: ranking
     * weighs thousands of plans and shows a few.
     */
    public Map<String, Object> basis() {
        return SpeedModel.basis(inputs);
    }
}
