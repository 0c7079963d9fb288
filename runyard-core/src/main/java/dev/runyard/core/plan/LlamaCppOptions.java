package dev.runyard.core.plan;

import dev.runyard.core.error.RunyardException;
import java.util.List;

/**
 * llama.cpp placement options a user already runs with; when given, the plan follows them instead of searching.
 *
 * @param gpuLayers    {@code -ngl N}: the last N layers on the GPUs (more than the layer count: the output too); null
 *                     = all that the other options allow
 * @param cpuMoeLayers {@code --n-cpu-moe N}: routed experts of the first N layers in system RAM; null = none
 * @param expertsOnCpu {@code -ot exps=CPU} (or {@code --cpu-moe}): every layer's routed experts in system RAM
 * @param tensorSplit  {@code -ts a,b,…}: the share of layers per GPU; empty = in proportion to usable memory
 * @param noKvOffload  {@code -nkvo}: the KV cache stays in system RAM
 * @param noMmap       {@code --no-mmap}: weights kept in RAM are read into allocated memory rather than mapped (the
 *                     same bytes; only the command changes)
 */
public record LlamaCppOptions(Integer gpuLayers, Integer cpuMoeLayers, boolean expertsOnCpu, List<Double> tensorSplit,
                              boolean noKvOffload, boolean noMmap) {
    public LlamaCppOptions {
        tensorSplit = List.copyOf(tensorSplit);
        if (gpuLayers != null && gpuLayers < 0) {
            throw RunyardException.badInput("--n-gpu-layers must be 0 or more, got " + gpuLayers, "e.g. -ngl 99");
        }
        if (cpuMoeLayers != null && cpuMoeLayers < 0) {
            throw RunyardException.badInput("--n-cpu-moe must be 0 or more, got " + cpuMoeLayers, "e.g. --n-cpu-moe 20");
        }
        for (double t : tensorSplit) {
            if (!(t >= 0) || Double.isInfinite(t)) {
                throw RunyardException.badInput("--tensor-split takes non-negative numbers, got " + tensorSplit,
                        "e.g. --tensor-split 3,1");
            }
        }
        if (!tensorSplit.isEmpty() && tensorSplit.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw RunyardException.badInput("--tensor-split needs a positive share", "e.g. --tensor-split 3,1");
        }
    }

    public boolean any() {
        return gpuLayers != null || cpuMoeLayers != null || expertsOnCpu || !tensorSplit.isEmpty() || noKvOffload
                || noMmap;
    }
}
