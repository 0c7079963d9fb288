package dev.runyard.core.estimate;

import java.util.Map;

/**
 * One line of an estimate's breakdown: what it is, its bytes, the formula in words, and the inputs that went in,
 * so every number Runyard shows can be derived by hand.
 */
public record Part(String name, long bytes, String formula, Map<String, Object> inputs) {
    public Part {
        inputs = Map.copyOf(inputs);
    }
}
