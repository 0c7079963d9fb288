package dev.runyard.core.rank;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.speed.SpeedModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Variants served by vLLM/SGLang (tensor parallel over identical GPUs, power-of-two group sizes that divide the
 * attention heads, the KV pool holding one request of the context) and by MLX (unified memory within the GPU's
 * working-set limit). Everything stays on the GPUs: these engines do not offload.
 */
public final class ServingVariants {
    private ServingVariants() {
    }

    /** Identical NVIDIA GPUs of 40 GiB or more: where vLLM is the usual choice. */
    static boolean datacenter(Machine m) {
        return m.hasGpu() && m.identicalGpus() && !m.unifiedMemory()
                && m.gpus().get(0).accelerator().vendor().equalsIgnoreCase("nvidia")
                && m.gpus().get(0).memoryBytes() >= (40L << 30);
    }

    static List<RankedResult> vllm(CatalogModel m, Machine machine, RankOptions o, QualityModel.Quality quality,
                                   Engine engine) {
        List<RankedResult> out = new ArrayList<>();
        if (!machine.hasGpu() || !machine.identicalGpus() || machine.unifiedMemory()) {
            return out;
        }
        ModelArchitecture arch = m.arch();
        Accelerator acc = machine.gpus().get(0).accelerator();
        long mem = machine.gpus().get(0).memoryBytes();
        long maxCtx = m.contextLength() > 0 ? m.contextLength() : Math.max(4096, arch.maxContext());
        int heads = arch.attentionHeads();
        for (String qn : quants(arch, acc)) {
            Quant q = Quant.parse(qn);
            if (m.paramsTotal() * bits(q) / 8 > (double) mem * machine.gpus().size()) {
                continue;
            }
            for (int tp = 1; tp <= machine.gpus().size(); tp *= 2) {
                if (heads > 0 && heads % tp != 0) {
                    continue;
                }
                EstimateRequest req = EstimateRequest.builder(q).engine(engine).ctx(4096).gpus(tp).tp(tp)
                        .gpuMemoryBytes(mem).build();
                MemoryEstimate e = MemoryEstimator.estimate(arch, req);
                long capacity = e.kvCapacityTokens() == null ? 0 : e.kvCapacityTokens();
                long ctx = 0;
                for (long c : Ranker.CONTEXTS) {
                    if (c <= maxCtx && c <= capacity && c >= o.minCtx()) {
                        ctx = c;
                        break;
                    }
                }
                if (ctx == 0) {
                    continue;
                }
                Quant.Gpu g = q instanceof Quant.Gpu gq ? gq : new Quant.Gpu("bf16", GpuFormat.BF16, 16);
                double[] t = SpeedModel.tokensPerS(arch, WeightsEstimator.gpu(arch, g.format(), g.bitsPerWeight(), false),
                        false, acc, tp, "cuda", SpeedModel.Parallelism.TENSOR_PARALLEL, ctx / 4,
                        e.kvBytesPerToken() * tp, 0, 0, SpeedModel.activeParams(arch));
                if (t[0] < o.minTps()) {
                    break;
                }
                PlacementPlan plan = new PlacementPlan(FitLevel.FULL_GPU, arch.layerCount() + 1, 0, List.of(),
                        Collections.nCopies(tp, e.totalBytes()), 0, 0,
                        List.of("tensor parallel " + tp + ", KV pool " + capacity + " tokens ("
                                + String.format(java.util.Locale.ROOT, "%.1f", e.maxConcurrency() * 4096 / ctx)
                                + " requests of " + ctx + ")"));
                out.add(Ranker.result(m, q, engine, ctx, plan, machine, quality, t[0],
                        Double.isNaN(t[1]) ? null : t[1], tp));
                break; // the smallest group that serves the context
            }
        }
        return out;
    }

    static List<RankedResult> mlx(CatalogModel m, Machine machine, RankOptions o, QualityModel.Quality quality) {
        List<RankedResult> out = new ArrayList<>();
        if (!machine.unifiedMemory() || !machine.hasGpu()) {
            return out;
        }
        ModelArchitecture arch = m.arch();
        Accelerator acc = machine.gpus().get(0).accelerator();
        long maxCtx = m.contextLength() > 0 ? m.contextLength() : Math.max(4096, arch.maxContext());
        for (String qn : List.of("mlx-8bit", "mlx-4bit")) {
            Quant.Gpu q = (Quant.Gpu) Quant.parse(qn);
            if (m.paramsTotal() * q.bitsPerWeight() / 8 > machine.usableGpuBytesTotal()) {
                continue;
            }
            for (long ctx : Ranker.CONTEXTS) {
                if (ctx > maxCtx || ctx < o.minCtx()) {
                    continue;
                }
                MemoryEstimate e = MemoryEstimator.estimate(arch, EstimateRequest.builder(q).engine(Engine.MLX).ctx(ctx)
                        .backend("metal").build());
                if (e.totalBytes() > machine.usableGpuBytesTotal()) {
                    continue;
                }
                double[] t = SpeedModel.tokensPerS(arch, WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), false),
                        true, acc, 1, "metal", SpeedModel.Parallelism.LAYER_SPLIT, ctx / 4, 0, 0, 0,
                        SpeedModel.activeParams(arch));
                if (t[0] < o.minTps()) {
                    break;
                }
                PlacementPlan plan = new PlacementPlan(FitLevel.FULL_GPU, arch.layerCount() + 1, 0, List.of(),
                        List.of(e.totalBytes()), 0, 0, List.of("unified memory within the GPU working-set limit"));
                out.add(Ranker.result(m, q, Engine.MLX, ctx, plan, machine, quality, t[0],
                        Double.isNaN(t[1]) ? null : t[1]));
                break;
            }
        }
        return out;
    }

    /**
     * The checkpoint formats vLLM/SGLang can serve a model in on this accelerator, best quality first: the
     * publisher's native format (mxfp4, fp8) when it has one, else bf16, fp8 where the GPU has FP8, and awq.
     */
    public static List<String> quants(ModelArchitecture arch, Accelerator acc) {
        String cq = arch.checkpointQuant();
        if (cq.startsWith("mxfp4")) {
            return List.of("mxfp4");
        }
        if (cq.startsWith("fp8")) {
            return List.of("fp8", "awq");
        }
        return acc.fp8() ? List.of("bf16", "fp8", "awq") : List.of("bf16", "awq");
    }

    static double bits(Quant q) {
        return q instanceof Quant.Gpu g ? g.bitsPerWeight() : 16;
    }
}
