package dev.runyard.app.store;

import java.util.Objects;

/** A published benchmark score of a model, with the setting it was measured in and where it was read. */
public record Benchmark(String name, double score, String setting, String source) {
    public Benchmark {
        Objects.requireNonNull(name, "name");
    }
}
