package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.SortedMap;

/** {@code compare --json}: the machine and one column per model. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CompareView(String machine, List<Column> models) {
    /**
     * One model: catalog facts, the memory one GPU needs at Q4_K_M and Q8_0 with 8K tokens (the requirements plan
     * {@code estimate --gpus 1} answers), the plan {@code fit} would pick here ({@code best_variant}, null when
     * nothing fits) and published benchmark scores by name.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Column(String model, long paramsTotal, long paramsActive, long contextLength, String license,
                         String releaseDate, @JsonProperty("memory_q4_k_m_8k_bytes") long memoryQ4km8kBytes,
                         @JsonProperty("memory_q8_0_8k_bytes") long memoryQ808kBytes, PlanView bestVariant,
                         SortedMap<String, Double> benchmarks) {
    }
}
