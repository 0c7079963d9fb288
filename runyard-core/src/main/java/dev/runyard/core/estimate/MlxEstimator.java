package dev.runyard.core.estimate;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mlx-lm on Apple silicon: MLX-format weights, a 16-bit KV cache that grows in steps of 256 tokens
 * ({@code KVCache.step}), rotating caches of window size for sliding layers, and prefill activations for one
 * {@code prefill_step_size} (2048) chunk. Everything lives in unified memory, limited by the GPU wired limit.
 */
final class MlxEstimator {
    static final int STEP = 256;
    static final int PREFILL_STEP = 2048;

    private MlxEstimator() {
    }

    static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exact) {
        Quant.Gpu q = MemoryEstimator.gpuQuant(req);
        List<String> warnings = MemoryEstimator.baseWarnings(arch);
        WeightsEstimate w = exact != null ? exact
                : WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), req.mtp());
        long vision = req.loadsVision() ? arch.visionParams() * 2 : 0;
        int kvBytes = req.kvTypeK() == KvType.F32 ? 4 : req.kvTypeK() == KvType.Q8_0 ? 1 : 2;
        long cells = VllmEstimator.pad(req.ctx(), STEP);
        long kv = 0;
        for (Layer l : arch.layers()) {
            Attention a = l.attention();
            if (a instanceof Attention.Standard s && !s.ownsKv()) {
                continue; // mlx-lm's Gemma 3n/4 KV-sharing layers reuse an earlier layer's cache
            } else if (a instanceof Attention.Standard s) {
                long c = s.window().isFull() ? cells : Math.min(cells, s.window().size());
                kv += c * (s.kElementsPerToken() + s.vElementsPerToken()) * kvBytes;
            } else if (a instanceof Attention.Mla m) {
                // mlx-lm's DeepSeek models cache expanded per-head K and V.
                kv += cells * (long) m.heads() * (m.qkNopeDim() + m.qkRopeDim() + m.vHeadDim()) * kvBytes;
            } else if (a instanceof Attention.Recurrent r) {
                kv += (r.convStateElements() + r.ssmStateElements()) * 4;
            } else if (a instanceof Attention.Compressed c) {
                kv += (Math.min(cells, c.window()) + (c.compressRatio() > 0 ? cells / c.compressRatio() : 0)) * c.headDim() * kvBytes;
            }
        }
        kv *= req.parallel();
        long chunk = Math.min(PREFILL_STEP, req.ctx());
        long heads = arch.layers().stream().map(Layer::attention).filter(a -> a instanceof Attention.Standard)
                .mapToLong(a -> ((Attention.Standard) a).heads()).max().orElse(0);
        long compute = chunk * arch.hidden() * 2L * 8 + heads * chunk * Math.min(cells, req.ctx()) * 2L
                + chunk * arch.vocab() * 4L;
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("weights", w.bytes(), w.method(), Map.of("bytes_by_type", w.bytesByType())));
        if (vision > 0) {
            parts.add(new Part("weights.vision_tower", vision, "vision_params x 2 bytes (16-bit tower)",
                    Map.of("vision_params", arch.visionParams())));
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("cells", cells);
        in.put("kv_bytes", kvBytes);
        parts.add(new Part("kv_cache", kv, "layers x pad(ctx, 256) x (K + V) x 2 bytes; sliding layers keep window", in));
        parts.add(new Part("prefill_activations", compute,
                "chunk x hidden x 16 + heads x chunk x ctx x 2 (scores) + chunk x vocab x 4 (logits); chunk = 2048", Map.of()));
        warnings.add("MLX: Apple's GPU may wire about 75% of RAM by default (iogpu.wired_limit_mb raises it)");
        List<DeviceUsage> devices = List.of(new DeviceUsage("GPU0", w.bytes() + vision, kv, compute, 0));
        return new MemoryEstimate("mlx", q.name(), req.ctx(), ParameterCounts.total(arch), ParameterCounts.active(arch),
                w.bytes() + vision, kv, compute, 0, devices, parts, warnings, null, null, null,
                w.bitsPerWeight(ParameterCounts.total(arch)));
    }
}
