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
 * @param blockQuant     whether the weights are GGUF block quants (Q8_0 included): llama.cpp's CUDA backend then
 *                       multiplies prompts with its MMQ kernels on INT8 tensor cores
 * @param era            the llama.cpp kernel generation the estimate is for ({@link KernelEra#CURRENT} for every
 *                       plan; older ones only to replay measurements of old builds)
 * @param promptTokens   tokens of the prompt whose prefill rate is asked for: 512 (llama-bench's pp512) for every
 *                       plan; other lengths only to replay measurements that timed another prompt
 */
public record SpeedInputs(ModelArchitecture arch, WeightsEstimate weights, boolean dequantizes, Accelerator accelerator,
                          int gpus, Backend backend, SpeedModel.Parallelism parallelism, long kvReadBytes,
                          long offloadedBytes, double ramBandwidthGbs, double activeParams, boolean kvInRam,
                          boolean blockQuant, KernelEra era, int promptTokens) {
    /** llama-bench's prompt test, pp512: the prefill figure every plan reports. */
    public static final int PP512 = 512;

    public SpeedInputs {
        gpus = Math.max(1, gpus);
        era = era == null ? KernelEra.CURRENT : era;
        promptTokens = Math.max(1, promptTokens);
    }

    /** Inputs for the pp512 prefill figure. */
    public SpeedInputs(ModelArchitecture arch, WeightsEstimate weights, boolean dequantizes, Accelerator accelerator,
                       int gpus, Backend backend, SpeedModel.Parallelism parallelism, long kvReadBytes,
                       long offloadedBytes, double ramBandwidthGbs, double activeParams, boolean kvInRam,
                       boolean blockQuant, KernelEra era) {
        this(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, kvReadBytes, offloadedBytes,
                ramBandwidthGbs, activeParams, kvInRam, blockQuant, era, PP512);
    }

    /** Inputs for a current build, block quants taken to be those that dequantize on decode. */
    public SpeedInputs(ModelArchitecture arch, WeightsEstimate weights, boolean dequantizes, Accelerator accelerator,
                       int gpus, Backend backend, SpeedModel.Parallelism parallelism, long kvReadBytes,
                       long offloadedBytes, double ramBandwidthGbs, double activeParams, boolean kvInRam) {
        this(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, kvReadBytes, offloadedBytes,
                ramBandwidthGbs, activeParams, kvInRam, dequantizes, KernelEra.CURRENT);
    }

    /** The same inputs at another KV read (another depth). */
    public SpeedInputs withKvRead(long bytes) {
        return new SpeedInputs(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, bytes,
                offloadedBytes, ramBandwidthGbs, activeParams, kvInRam, blockQuant, era, promptTokens);
    }

    /** The same inputs for a build of another kernel era. */
    public SpeedInputs withEra(KernelEra e) {
        return new SpeedInputs(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, kvReadBytes,
                offloadedBytes, ramBandwidthGbs, activeParams, kvInRam, blockQuant, e, promptTokens);
    }

    /** The same inputs for a prompt of another length. */
    public SpeedInputs withPrompt(int tokens) {
        return new SpeedInputs(arch, weights, dequantizes, accelerator, gpus, backend, parallelism, kvReadBytes,
                offloadedBytes, ramBandwidthGbs, activeParams, kvInRam, blockQuant, era, tokens);
    }
}
