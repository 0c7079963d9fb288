package dev.runyard.core.speed;

import dev.runyard.core.accuracy.SpeedCases;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;

/** Speed for an estimate request on a known accelerator: picks the weights, parallelism and quant kind per engine. */
public final class RequestSpeed {
    private RequestSpeed() {
    }

    /** Speed at the start of a conversation (depth 0) and with the context full. */
    public record Result(SpeedEstimate atStart, SpeedEstimate atFullContext) {
    }

    public static Result estimate(ModelArchitecture arch, EstimateRequest req, Accelerator acc) {
        return estimate(arch, req, acc, null);
    }

    /** @param exact weights read from a real file, or null to predict them */
    public static Result estimate(ModelArchitecture arch, EstimateRequest req, Accelerator acc, WeightsEstimate exact) {
        WeightsEstimate w;
        boolean quantized;
        SpeedModel.Parallelism par;
        if (req.quant() instanceof Quant.Gguf g && req.engine().usesGguf()) {
            w = WeightsEstimator.gguf(arch, g, req.imatrix() != null ? req.imatrix() : WeightsEstimator.usualImatrix(g));
            quantized = SpeedCases.isBlockQuant(g);
            par = SpeedModel.Parallelism.LAYER_SPLIT;
        } else {
            Quant.Gpu q = req.quant() instanceof Quant.Gpu gq ? gq : new Quant.Gpu("bf16", GpuFormat.BF16, 16);
            w = WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), false);
            quantized = false;
            par = req.engine().usesGguf() ? SpeedModel.Parallelism.LAYER_SPLIT : SpeedModel.Parallelism.TENSOR_PARALLEL;
        }
        long kvPerToken = LlamaCppKvCache.estimate(arch, 256, 1, 256, req.kvTypeK(), req.kvTypeV(), false).bytes() / 256;
        if (exact != null) {
            w = exact;
        }
        String backend = req.engine().usesGguf() || req.engine().key().equals("mlx") ? req.backend() : "cuda";
        SpeedEstimate start = SpeedModel.estimate(arch, w, quantized, acc, req.gpus(), backend, par, 0, kvPerToken, 0, 0);
        long fullKv = LlamaCppKvCache.estimate(arch, req.ctx(), 1, 512, req.kvTypeK(), req.kvTypeV(), false).bytes();
        SpeedEstimate full = SpeedModel.estimate(arch, w, quantized, acc, req.gpus(), backend, par, 1,
                fullKv, 0, 0);
        return new Result(start, full);
    }

}
