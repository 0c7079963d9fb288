package dev.runyard.core.speed;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.model.ModelArchitecture;
import java.util.Locale;

/**
 * Serving speed of a vLLM/SGLang plan at a number of concurrent requests: what each request decodes per second, what
 * the GPUs put out in all, and the time to the first token of a prompt. One decode step serves every running request:
 * <ul>
 *   <li>it reads the weights once (of a MoE's routed experts, those any request is routed to: E × (1 − (1 − k/E)^c)
 *       of E), plus every request's KV cache up to its depth, at bandwidth × {@value #BANDWIDTH_EFFICIENCY};</li>
 *   <li>it multiplies c tokens by the active parameters at the FP16 tensor rate × {@value #GEMM_EFFICIENCY}
 *       (bf16/fp16 weights; FP8 weights run at twice the rate on GPUs with FP8);</li>
 *   <li>the step takes the longer of the two, plus {@value #STEP_OVERHEAD_MS} ms of scheduling and sampling,
 *       {@value #PER_REQUEST_MS} ms per running request, and two all-reduces per layer under tensor parallelism.</li>
 * </ul>
 * Time to first token = the prompt's 2 × active params × tokens at the prefill rate, plus one step. Per request, a
 * token comes every step (the TPOT). In all, the GPUs also prefill every new request, which stalls everyone's decode
 * under continuous batching: c requests of P prompt and N output tokens take c × prefill(P) + N × step, so the
 * aggregate is c × N over that (what vLLM's {@code benchmark_serving} reports as output token throughput). Queueing is
 * left out: these are the rates of a server that is keeping up.
 */
public final class ServingSpeed {
    static final double BANDWIDTH_EFFICIENCY = 0.80;
    static final double GEMM_EFFICIENCY = 0.50;
    static final double PREFILL_EFFICIENCY = 0.60;
    /** Per step: scheduling and sampling (1 ms), and per running request (0.2 ms), fitted on the published runs. */
    static final double STEP_OVERHEAD_MS = 1.0;
    static final double PER_REQUEST_MS = 0.2;
    static final double ALLREDUCE_MICROS = 15;

    /** The rates at one concurrency. */
    public record Rates(int concurrency, double perRequestTokensPerS, double aggregateTokensPerS, double ttftMs,
                        int promptTokens, String bound) {
    }

    private ServingSpeed() {
    }

    /**
     * @param weights            the checkpoint's weights (all GPUs together)
     * @param tp                 tensor-parallel GPUs
     * @param kvBytesPerTokenGpu KV bytes one token keeps on one GPU
     * @param fp8Weights         whether the weights are FP8 (and the GPU multiplies FP8 natively)
     */
    public static Rates at(ModelArchitecture arch, WeightsEstimate weights, Accelerator acc, int tp,
                           long kvBytesPerTokenGpu, boolean fp8Weights, int concurrency, int promptTokens,
                           int outputTokens) {
        int c = Math.max(1, concurrency);
        tp = Math.max(1, tp);
        double share = SpeedModel.routedShare(arch);
        double touched = share >= 1 ? 1 : 1 - Math.pow(1 - share, c);
        double embedding = arch.tiedEmbeddings() ? 0 : weights.embeddingBytes();
        double weightBytes = (weights.bytes() - embedding - weights.hostInputBytes()
                - weights.expertBytes() * (1 - touched)) / tp;
        double depth = promptTokens + outputTokens / 2.0;
        double kvBytes = c * depth * kvBytesPerTokenGpu;
        double bw = acc.bandwidthGbs() * 1e9 * BANDWIDTH_EFFICIENCY;
        double tMem = (weightBytes + kvBytes) / bw;
        double flops = acc.fp16Tflops() * 1e12 * (fp8Weights && acc.fp8() ? 2 : 1) * tp;
        double active = SpeedModel.activeParams(arch);
        double tCompute = flops > 0 ? 2 * active * c / (flops * GEMM_EFFICIENCY) : 0;
        double tOverhead = (STEP_OVERHEAD_MS + PER_REQUEST_MS * c) / 1000
                + (tp > 1 ? arch.layerCount() * 2 * ALLREDUCE_MICROS * 1e-6 : 0);
        double step = Math.max(tMem, tCompute) + tOverhead;
        double prefill = flops > 0 ? 2 * active * promptTokens / (flops * PREFILL_EFFICIENCY) : 0;
        double aggregate = c * (double) outputTokens / (c * prefill + outputTokens * step);
        String bound = tCompute > tMem ? "compute" : kvBytes > weightBytes ? "kv-cache reads" : "weight reads";
        return new Rates(c, 1 / step, aggregate, (prefill + step) * 1000, promptTokens, bound);
    }

    /** One line for a plan's basis. */
    public static String describe(Rates r) {
        return String.format(Locale.ROOT, "%d concurrent: %.1f tok/s each, %.0f tok/s in all, first token %.0f ms for %d"
                + " prompt tokens (%s-bound)", r.concurrency(), r.perRequestTokensPerS(), r.aggregateTokensPerS(),
                r.ttftMs(), r.promptTokens(), r.bound());
    }
}
