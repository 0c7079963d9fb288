package dev.runyard.core.plan;

import dev.runyard.core.estimate.DeviceUsage;
import java.util.List;

/**
 * Where a model's bytes go on a machine, and the engine settings that put them there.
 *
 * @param gpuLayers      llama.cpp {@code -ngl}: layers on the GPUs (layer count + 1 when the output is on a GPU too)
 * @param cpuMoeLayers   llama.cpp {@code --n-cpu-moe}: layers whose routed experts stay in system RAM
 * @param tensorSplit    llama.cpp {@code -ts} proportions for mixed GPUs (empty when not needed)
 * @param tensorParallel vLLM/SGLang tensor-parallel size (1 for llama.cpp, Ollama and MLX)
 * @param devices        bytes per device: each GPU in order, then system RAM ("host", or "CPU" without a GPU)
 * @param offloadedBytes weight bytes held in system RAM that a token may read (for the speed model)
 * @param notes          what the plan assumed (margins, limits) and why it chose these settings
 */
public record PlacementPlan(FitLevel fit, int gpuLayers, int cpuMoeLayers, List<Double> tensorSplit,
                            int tensorParallel, List<DeviceUsage> devices, long offloadedBytes, List<String> notes) {
    public PlacementPlan {
        tensorSplit = List.copyOf(tensorSplit);
        devices = List.copyOf(devices);
        notes = List.copyOf(notes);
    }

    /** Total bytes on each GPU, in order. */
    public List<Long> deviceBytes() {
        return devices.stream().filter(d -> d.name().startsWith("GPU")).map(DeviceUsage::totalBytes).toList();
    }

    /** Bytes in system RAM (all of them on a CPU-only run). */
    public long hostBytes() {
        return devices.stream().filter(d -> !d.name().startsWith("GPU")).mapToLong(DeviceUsage::totalBytes).sum();
    }

    public long totalBytes() {
        return devices.stream().mapToLong(DeviceUsage::totalBytes).sum();
    }
}
