package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code estimate --json} and {@code /api/v1/estimate}: one plan's memory in detail (every part with its formula and
 * inputs), bytes per device from the plan's one placement, and, on a machine, fit, speed and command.
 * {@code ctx} repeats {@code context} for the contract of earlier releases. {@code total_bytes} is every byte of the
 * plan (the sum of {@code devices}) for every engine, as in {@code fit} and {@code run}. For vLLM/SGLang the parts
 * ({@code weights_bytes}, {@code kv_cache_bytes}, {@code compute_bytes}, {@code overhead_bytes}) and the KV fields are
 * per GPU, and {@code per_gpu_total_bytes} is their sum; these are absent for other engines.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EstimateView(String model, String engine, String quant, long ctx, long context, long params,
                          long activeParams, double bitsPerWeight, long weightsBytes, long kvCacheBytes,
                          long computeBytes, long overheadBytes, long totalBytes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long perGpuTotalBytes,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long kvBytesPerToken,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Long kvCapacityTokens,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Double maxConcurrency,
                          List<Views.Device> devices, List<Views.Part> breakdown, Double decodeTokensPerS,
                          Double prefillTokensPerS, Views.Speed speed, String fit, Views.Placement placement,
                          String machine, Views.Artifact artifact, String command, List<String> commandWhy,
                          List<String> warnings) {

    /** The same view with {@code extra} warnings after its own, each once (a surface adds the machine's). */
    public EstimateView withWarnings(List<String> extra) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(extra);
        return new EstimateView(model, engine, quant, ctx, context, params, activeParams, bitsPerWeight, weightsBytes,
                kvCacheBytes, computeBytes, overheadBytes, totalBytes, perGpuTotalBytes, kvBytesPerToken,
                kvCapacityTokens, maxConcurrency, devices, breakdown, decodeTokensPerS, prefillTokensPerS, speed, fit,
                placement, machine, artifact, command, commandWhy, List.copyOf(new java.util.LinkedHashSet<>(all)));
    }
}
