package dev.runyard.core.speed;

import dev.runyard.core.hardware.Backend;
import dev.runyard.core.hardware.GpuVendor;


/**
 * How well a llama.cpp backend uses a device. The per-layer cost and the dequantization work are hand-set per backend;
 * the efficiencies here are only the priors: the model uses the values {@link SpeedConstants#fitted()} holds (fitted
 * on the measured llama-bench rows of {@code speed_cases.jsonl} per backend, vendor, weight family and kernel era) and
 * falls back to these where the table has no key.
 *
 * @param bandwidthEfficiency fraction of peak memory bandwidth a decode step reaches
 * @param layerOverheadMicros fixed cost per layer per token (kernel launches, command buffers, synchronisation): the
 *                            prior of decode's fitted {@code layer_us/*} keys; prefill and MoE router kernels use it as is
 * @param dequantOpsPerWeight ALU operations per weight to unpack ≤6-bit quants while decoding, against the device's
 *                            FP16 rate (binding on Apple GPUs, negligible on tensor-core GPUs)
 * @param prefillEfficiency16 fraction of dense FP16 TFLOPS reached in prefill with 16-bit weights
 * @param prefillEfficiencyQ  the same with quantized weights
 */
public record BackendProfile(Backend backend, double bandwidthEfficiency, double layerOverheadMicros,
                             double dequantOpsPerWeight, double prefillEfficiency16, double prefillEfficiencyQ) {
    /** Cost of handing activations to the next GPU in a layer split, per token per extra GPU. */
    public static final double HOP_MICROS = 1000;

    public static BackendProfile of(Backend backend, GpuVendor vendor) {
        return switch (backend) {
            case CUDA -> new BackendProfile(backend, 0.80, 30, 10, 0.30, 0.30);
            case METAL -> new BackendProfile(backend, 0.80, 100, 10, 0.75, 0.65);
            case VULKAN -> new BackendProfile(backend,
                    vendor == GpuVendor.AMD ? 0.80 : vendor == GpuVendor.NVIDIA ? 0.75 : 0.60, 20, 10, 0.40, 0.40);
            case ROCM -> new BackendProfile(backend, 0.60, 30, 10, 0.50, 0.50);
            case SYCL -> new BackendProfile(backend, 0.60, 40, 10, 0.30, 0.30);
            case CPU -> new BackendProfile(backend, 0.45, 10, 0, 0.08, 0.08);
        };
    }
}
