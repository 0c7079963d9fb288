package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The small records the plan views are made of. */
public final class Views {
    private Views() {
    }

    /** What one device holds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Device(String name, long weightsBytes, long kvCacheBytes, long computeBytes, long overheadBytes,
                         long totalBytes) {
    }

    /** The weights a plan loads and where that fact comes from; {@code repo} null when none is known. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Artifact(String repo, String file, String format, String source, String onlineQuantization,
                           String tag, Long bytes, boolean bytesExact) {
    }

    /** Where the bytes go: llama.cpp layers and experts, tensor parallelism, bytes per device. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Placement(String fit, int gpuLayers, int cpuMoeLayers, List<Double> tensorSplit, int tensorParallel,
                            List<Long> deviceBytes, long hostBytes, long offloadedBytes, List<Device> devices,
                            List<String> notes) {
    }

    /** The band and basis of a speed estimate. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Speed(double decodeLowTokensPerS, double decodeHighTokensPerS,
                        double decodeAtFullContextTokensPerS, Double prefillLowTokensPerS,
                        Double prefillHighTokensPerS, Map<String, Object> basis, List<Serving> serving) {
    }

    /** vLLM/SGLang serving rates at one concurrency (empty for llama.cpp, Ollama and MLX plans). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Serving(int concurrency, double perRequestTokensPerS, double aggregateTokensPerS, double ttftMs,
                          int promptTokens, String bound) {
    }

    /** One line of a memory breakdown: bytes, formula in words, inputs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Part(String name, long bytes, String formula, Map<String, Object> inputs) {
    }
}
