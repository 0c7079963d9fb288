package dev.runyard.core.speed;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;

/**
 * Everything a speed estimate depends on, taken from one plan: the weights as loaded, where they sit (bytes kept in
 * system RAM), how the GPUs share the work, and the KV cache a token reads at the depth asked about.
 *
 * @param dequantizes    whether decoding unpacks ≤ 6-bit block quants (see {@code Quant.dequantizesOnDecode})
 * @param gpus           GPUs that hold layers (1 for CPU only)
 * @param backend        llama.cpp backend (cuda, metal, vulkan, rocm, sycl, cpu); vLLM/SGLang run as cuda
 * @param kvReadBytes    KV cache bytes one decode step reads at the depth asked about, from the KV model
 * @param offloadedBytes weight bytes held in system RAM (layers or routed experts), 0 when all on the GPUs
 * @param ramBandwidthGbs system RAM bandwidth for the offloaded bytes, decimal GB/s
 * @param activeParams   parameters a token multiplies with (active minus the embedding lookup)
 * @param kvInRam        whether the KV cache is held in system RAM (llama.cpp -nkvo): its reads go at RAM speed
 */
public record SpeedInputs(ModelArchitecture arch, WeightsEstimate weights, boolean dequantizes, Accelerator accelerator,
                          int gpus, Backend backend, SpeedModel.Parallelism parallelism, long kvReadBytes,
                          long offloadedBytes, double ramBandwidthGbs, double activeParams, boolean kvInRam) {
    public SpeedInputs {
        gpus = Math.max(1, gpus);
    }

    /** The same inputs at another KV read (another depth). */
    public SpeedInputs withKvRead(long bytes) {
        return new SpeedInputs(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, bytes,
                offloadedBytes, ramBandwidthGbs, activeParams, kvInRam);
    }
}
