package dev.runyard.core.plan;

import java.util.List;

/**
 * Where a model's bytes go on a machine, and the engine settings that put them there.
 *
 * @param gpuLayers      llama.cpp {@code -ngl}: layers on the GPUs (all layers + output when full)
 * @param cpuMoeLayers   llama.cpp {@code --n-cpu-moe}: layers whose routed experts stay in system RAM
 * @param tensorSplit    llama.cpp {@code -ts} proportions for mixed GPUs (empty when not needed)
 * @param deviceBytes    bytes per GPU, in order
 * @param hostBytes      bytes in system RAM (embedding, offloaded layers or experts, host buffers)
 * @param offloadedBytes weight bytes kept in system RAM that a token may read (for the speed model)
 * @param notes          what the plan assumed (margins, limits)
 */
public record PlacementPlan(FitLevel fit, int gpuLayers, int cpuMoeLayers, List<Double> tensorSplit,
                            List<Long> deviceBytes, long hostBytes, long offloadedBytes, List<String> notes) {
    public PlacementPlan {
        tensorSplit = List.copyOf(tensorSplit);
        deviceBytes = List.copyOf(deviceBytes);
        notes = List.copyOf(notes);
    }

    public long totalBytes() {
        return deviceBytes.stream().mapToLong(Long::longValue).sum() + hostBytes;
    }
}
