package dev.runyard.core.estimate;

import java.util.Map;

/**
 * One line of an estimate's breakdown: what it is, its bytes, the formula in words, and the inputs that went in,
 * so every number Runyard shows can be derived by hand.
 */
public record Part(String name, long bytes, String formula, Map<String, Object> inputs) {
    public Part {
        // Sorted keys: JSON output must be byte-for-byte the same on every run (Map.of iterates in a random order).
        inputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inputs));
    }
}
