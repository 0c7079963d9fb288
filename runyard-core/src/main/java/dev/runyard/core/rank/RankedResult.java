package dev.runyard.core.rank;

import dev.runyard.core.plan.FitLevel;
import java.util.List;
import java.util.Map;

/** One ranked model with the variant chosen for the machine, its memory, speed, score and run command. */
public record RankedResult(String model, String name, String quant, String engine, long context, long totalBytes,
                           List<Long> deviceBytes, long hostBytes, FitLevel fit, double decodeTokensPerS,
                           Double prefillTokensPerS, double score, Map<String, Object> components, String command,
                           List<String> notes) {
    public RankedResult {
        deviceBytes = List.copyOf(deviceBytes);
        // Keep the components' order: JSON output must be byte-for-byte deterministic.
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
        notes = List.copyOf(notes);
    }
}
