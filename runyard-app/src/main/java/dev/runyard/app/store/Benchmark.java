package dev.runyard.app.store;

import java.util.Objects;

/**
 * A published benchmark score of a model, with the setting it was measured in, where it was read, and who reported
 * it ("vendor", "independent", "third-party vendor"; null when the source does not say).
 */
public record Benchmark(String name, double score, String setting, String source, String reportedBy) {
    public Benchmark {
        Objects.requireNonNull(name, "name");
    }

    public Benchmark(String name, double score, String setting, String source) {
        this(name, score, setting, source, null);
    }
}
