package dev.runyard.core.rank;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.LlamaCppPlacement;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.quant.QuantQuality;
import dev.runyard.core.speed.SpeedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ranks catalog models for a machine. For every model it tries each engine's quantizations at each context, places
 * each variant (GPU, offload, RAM), estimates its speed, and keeps the best-scoring one that fits:
 * {@code score = 0.7·quality·(1 − quant loss) + 0.15·speed + 0.1·context + 0.05·headroom}, each on 0–100
 * (quality: {@link QualityModel}; speed: decode tok/s / 40, capped; context: log2(ctx/2048)/4, capped at 32K;
 * headroom: free share of usable memory / 0.25, capped). Base (pretrained-only) checkpoints are not ranked.
 * Variants slower than 5 tok/s have their score scaled by tok/s ÷ 5. Results are sorted by score, then id; the order is
 * deterministic. Weight estimates are cached per model and quant;
 * a quant whose rough size (params × bits) cannot fit the machine is not estimated at all.
 */
public final class Ranker {
    static final List<String> GGUF_QUANTS = List.of("BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M",
            "IQ3_XXS", "Q2_K");
    static final List<Long> CONTEXTS = List.of(131072L, 65536L, 32768L, 16384L, 8192L, 4096L);

    private final Map<String, WeightsEstimate> weights = new ConcurrentHashMap<>();
    private final Map<String, Double> activeParams = new ConcurrentHashMap<>();

    private static final java.util.regex.Pattern BASE = java.util.regex.Pattern.compile(
            "(?i).*(-pt|-base|-base-\\d+)$|.*-base-.*");

    public List<RankedResult> rank(List<CatalogModel> models, Machine machine, RankOptions o) {
        QualityModel qm = QualityModel.over(models);
        // Models are independent: rank them in parallel, then sort, so the order stays deterministic.
        List<RankedResult> out = new ArrayList<>(models.parallelStream()
                .filter(m -> m.arch() != null && m.openWeights() && !("commercial".equals(o.license()) && !m.commercialOk())
                        && !isBase(m))
                .map(m -> best(m, machine, o, qm))
                .filter(java.util.Objects::nonNull)
                .toList());
        out.sort(Comparator.comparingDouble(RankedResult::score).reversed().thenComparing(RankedResult::model));
        return out.size() > o.limit() ? List.copyOf(out.subList(0, o.limit())) : out;
    }

    /** Pretrained-only checkpoints (-pt, -Base, "(base)" in the name) are not chat models: not ranked. */
    static boolean isBase(CatalogModel m) {
        String name = m.name() == null ? "" : m.name().toLowerCase(java.util.Locale.ROOT);
        return BASE.matcher(m.id()).matches() || name.contains("(base)") || name.endsWith(" base");
    }

    /** The best variant of one model on the machine, or null when nothing fits the constraints. */
    public RankedResult best(CatalogModel m, Machine machine, RankOptions o, QualityModel qm) {
        List<RankedResult> all = variants(m, machine, o, qm);
        return all.isEmpty() ? null : all.get(0);
    }

    /**
     * Every fitting variant of one model, best first. Without an engine in the options: llama.cpp always, vLLM on
     * identical NVIDIA GPUs of 40 GiB or more, MLX on Apple silicon.
     */
    public List<RankedResult> variants(CatalogModel m, Machine machine, RankOptions o, QualityModel qm) {
        List<Engine> engines = new ArrayList<>();
        if (o.engine() != null) {
            engines.add(o.engine());
        } else {
            engines.add(Engine.LLAMA_CPP);
            if (ServingVariants.datacenter(machine)) {
                engines.add(Engine.VLLM);
            }
            if (machine.unifiedMemory() && machine.hasGpu()) {
                engines.add(Engine.MLX);
            }
        }
        QualityModel.Quality quality = qm.of(m, o.useCase());
        List<RankedResult> out = new ArrayList<>();
        for (Engine e : engines) {
            if (e.usesGguf()) {
                out.addAll(ggufVariants(m, machine, o, quality, e));
            } else if (e == Engine.MLX) {
                out.addAll(ServingVariants.mlx(m, machine, o, quality));
            } else {
                out.addAll(ServingVariants.vllm(m, machine, o, quality, e));
            }
        }
        out.sort(Comparator.comparingDouble(RankedResult::score).reversed().thenComparing(RankedResult::engine)
                .thenComparing(RankedResult::quant));
        return out;
    }

    private List<RankedResult> ggufVariants(CatalogModel m, Machine machine, RankOptions o,
                                            QualityModel.Quality quality, Engine engine) {
        List<RankedResult> out = new ArrayList<>();
        ModelArchitecture arch = m.arch();
        long capacity = machine.usableGpuBytesTotal() + machine.usableRamBytes();
        long maxCtx = m.contextLength() > 0 ? m.contextLength() : arch.maxContext() > 0 ? arch.maxContext() : 32768;
        Accelerator acc = machine.hasGpu() ? machine.gpus().get(0).accelerator() : null;
        double active = activeParams.computeIfAbsent(m.id(), k -> SpeedModel.activeParams(arch));
        long kvPerToken = LlamaCppKvCache.estimate(arch, 256, 1, 256, KvType.F16, KvType.F16, false).bytes() / 256;
        List<String> quants = arch.checkpointQuant().equals("mxfp4") ? List.of("MXFP4_MOE") : GGUF_QUANTS;
        for (String qn : quants) {
            Quant.Gguf q = (Quant.Gguf) Quant.parse(qn);
            if (m.paramsTotal() * q.fileType().base().bitsPerWeight() / 8 * 0.9 > capacity) {
                continue; // cannot fit even before the cache: skip the exact estimate
            }
            WeightsEstimate w = weights.computeIfAbsent(m.id() + "|" + qn,
                    k -> WeightsEstimator.gguf(arch, q, WeightsEstimator.usualImatrix(q)));
            Object[] bestForQuant = null;
            double bestScore = -1;
            for (long ctx : CONTEXTS) {
                if (ctx > maxCtx || ctx < o.minCtx()) {
                    continue;
                }
                EstimateRequest req = EstimateRequest.builder(q).ctx(ctx).engine(engine)
                        .backend(machine.backend()).gpus(Math.max(1, machine.gpus().size())).build();
                PlacementPlan plan = LlamaCppPlacement.plan(arch, req, machine, w);
                if (plan.fit() == FitLevel.DOES_NOT_FIT) {
                    continue;
                }
                double decode;
                Double prefill;
                if (acc != null && plan.fit() != FitLevel.CPU_ONLY) {
                    double[] t = SpeedModel.tokensPerS(arch, w, qn.startsWith("Q") && !qn.equals("Q8_0")
                            || qn.startsWith("IQ"), acc, machine.gpus().size(), machine.backend(),
                            SpeedModel.Parallelism.LAYER_SPLIT, ctx / 4, kvPerToken, plan.offloadedBytes(),
                            ramBandwidth(machine), active);
                    decode = t[0];
                    prefill = Double.isNaN(t[1]) ? null : t[1];
                } else {
                    decode = cpuDecode(w, arch, machine);
                    prefill = null;
                }
                if (decode < o.minTps()) {
                    continue;
                }
                double score = score(quality, q, decode, ctx, plan, machine);
                if (bestForQuant == null || score > bestScore) {
                    // a shorter context may score higher when the longer one needs offloading
                    bestScore = score;
                    bestForQuant = new Object[] {ctx, plan, decode, prefill};
                }
                if (plan.fit() == FitLevel.FULL_GPU && ctx <= 32768) {
                    break; // each halving below 32K costs 2.5 points of context score, more than it can win back
                }
            }
            if (bestForQuant != null) {
                out.add(result(m, q, engine, (Long) bestForQuant[0], (PlacementPlan) bestForQuant[1], machine, quality,
                        (Double) bestForQuant[2], (Double) bestForQuant[3]));
            }
        }
        return out;
    }

    static RankedResult result(CatalogModel m, Quant q, Engine engine, long ctx, PlacementPlan plan, Machine machine,
                               QualityModel.Quality quality, double decode, Double prefill) {
        return result(m, q, engine, ctx, plan, machine, quality, decode, prefill, Math.max(1, machine.gpus().size()));
    }

    static RankedResult result(CatalogModel m, Quant q, Engine engine, long ctx, PlacementPlan plan, Machine machine,
                               QualityModel.Quality quality, double decode, Double prefill, int tensorParallel) {
        double loss = QuantQuality.loss(q);
        double qScore = quality.score() * (1 - loss);
        double speed = speedScore(decode);
        double context = contextScore(ctx);
        double headroom = headroomScore(plan, machine);
        double score = score(quality, q, decode, ctx, plan, machine);
        Map<String, Object> c = new LinkedHashMap<>(quality.asMap());
        c.put("quant_loss", loss);
        c.put("speed", QualityModel.round(speed));
        c.put("context", QualityModel.round(context));
        c.put("headroom", QualityModel.round(headroom));
        c.put("usable_speed_factor", decode < USABLE_TPS ? QualityModel.round(decode / USABLE_TPS) : 1.0);
        c.put("formula", "0.7 x quality x (1 - quant_loss) + 0.15 x speed + 0.1 x context + 0.05 x headroom");
        String cmd = RunCommands.command(m, q, engine, ctx,
                new RunCommands.Settings(machine.gpus().size(), tensorParallel, 0.9, false, plan));
        return new RankedResult(m.id(), m.name(), q.name(), engine.key(), ctx, plan.totalBytes(), plan.deviceBytes(),
                plan.hostBytes(), plan.fit(), decode, prefill, Math.round(score * 100) / 100.0, c, cmd, plan.notes());
    }

    static double score(QualityModel.Quality quality, Quant q, double decode, long ctx, PlacementPlan plan,
                        Machine machine) {
        double qScore = quality.score() * (1 - QuantQuality.loss(q));
        double s = 0.7 * qScore + 0.15 * speedScore(decode) + 0.1 * contextScore(ctx) + 0.05 * headroomScore(plan, machine);
        // Slower than reading speed (5 tok/s) is barely usable, however good the model: scale the score down.
        return decode < USABLE_TPS ? s * decode / USABLE_TPS : s;
    }

    /** Below this decode speed a chat is slower than reading; the score is scaled by tok/s ÷ 5. */
    static final double USABLE_TPS = 5.0;

    static double speedScore(double decode) {
        return 100 * Math.min(1, decode / 40.0);
    }

    static double contextScore(long ctx) {
        return 100 * Math.min(1, Math.max(0, Math.log((double) ctx / 2048) / Math.log(2) / 4));
    }

    static double headroomScore(PlacementPlan plan, Machine machine) {
        long usable = machine.hasGpu() ? machine.usableGpuBytesTotal() : machine.usableRamBytes();
        long used = 0;
        if (machine.hasGpu()) {
            for (long d : plan.deviceBytes()) {
                used += d;
            }
        } else {
            used = plan.totalBytes();
        }
        return usable <= 0 ? 0 : 100 * Math.min(1, Math.max(0, (double) (usable - used) / usable / 0.25));
    }

    /** CPU decode: active bytes over RAM bandwidth at the CPU backend's efficiency. */
    static double cpuDecode(WeightsEstimate w, ModelArchitecture arch, Machine machine) {
        double shareRouted = 1;
        for (var l : arch.layers()) {
            if (l.ffn() instanceof dev.runyard.core.model.Ffn.Moe mo) {
                shareRouted = (double) mo.used() / mo.experts();
                break;
            }
        }
        double bytes = w.bytes() - w.embeddingBytes() - w.expertBytes() * (1 - shareRouted);
        return ramBandwidth(machine) * 1e9 * 0.45 / bytes;
    }

    /** System RAM bandwidth: unified memory runs at the GPU's; otherwise dual-channel DDR5-5600 (89.6 GB/s). */
    static double ramBandwidth(Machine machine) {
        if (machine.unifiedMemory() && machine.hasGpu()) {
            return machine.gpus().get(0).accelerator().bandwidthGbs();
        }
        return 89.6;
    }
}
