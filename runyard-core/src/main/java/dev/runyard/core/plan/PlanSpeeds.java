package dev.runyard.core.plan;

import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.speed.SpeedInputs;
import dev.runyard.core.speed.SpeedModel;

/**
 * A plan's speed from its own placement: the device it decodes on (the first GPU, or the CPU when nothing is on a
 * GPU), the weight bytes it keeps in RAM, and the KV cache a token reads at a depth, taken from the engine's KV model
 * at that depth (sliding-window and recurrent layers read what they really hold).
 */
final class PlanSpeeds {
    private PlanSpeeds() {
    }

    /** @param full false: the speed at the start only (a priced plan; see {@code Planner#price}) */
    static PlanSpeed of(ModelArchitecture arch, EstimateRequest req, Machine m, PlacementPlan p, WeightsEstimate w,
                        MemoryEstimate mem, boolean kvInRam, boolean full) {
        boolean cpu = !m.hasGpu() || p.fit() == FitLevel.CPU_ONLY;
        Accelerator acc = cpu ? m.cpuDevice() : m.gpus().get(0).accelerator();
        Backend backend = cpu ? Backend.CPU
                : req.engine().usesGguf() || req.engine() == dev.runyard.core.estimate.Engine.MLX ? req.backend()
                : Backend.CUDA;
        boolean tensorParallel = !req.engine().usesGguf() && req.engine() != dev.runyard.core.estimate.Engine.MLX;
        int gpus = cpu ? 1 : tensorParallel ? p.tensorParallel() : Math.max(1, m.gpus().size());
        SpeedInputs start = new SpeedInputs(arch, w, req.quant().dequantizesOnDecode(), acc, gpus, backend,
                tensorParallel ? SpeedModel.Parallelism.TENSOR_PARALLEL : SpeedModel.Parallelism.LAYER_SPLIT,
                0, cpu ? 0 : p.offloadedBytes(), m.ramBandwidthGbs(), SpeedModel.activeParams(arch), kvInRam && !cpu,
                req.quant() instanceof dev.runyard.core.quant.Quant.Gguf g && g.fileType().base().isQuantized(),
                dev.runyard.core.speed.KernelEra.CURRENT);
        dev.runyard.core.speed.SpeedEstimate atStart = SpeedModel.estimate(start);
        if (!full) {
            return new PlanSpeed(atStart, atStart, java.util.List.of());
        }
        long read = kvRead(arch, req, mem, w, req.ctx());
        return new PlanSpeed(atStart, SpeedModel.estimate(start.withKvRead(read)),
                tensorParallel && !cpu ? serving(arch, req, m, p, w, mem) : java.util.List.of());
    }

    /** A serving prompt and answer: 1,024 tokens in, 512 out (a chat turn with some history). */
    static final int PROMPT = 1024;
    static final int OUTPUT = 512;

    /**
     * vLLM/SGLang rates at 1 request, at the concurrency asked for ({@code --parallel}) and at the most the KV pool
     * holds at the serving prompt (capped at 256, vLLM's default max_num_seqs).
     */
    static java.util.List<dev.runyard.core.speed.ServingSpeed.Rates> serving(ModelArchitecture arch,
            EstimateRequest req, Machine m, PlacementPlan p, WeightsEstimate w, MemoryEstimate mem) {
        if (mem.kvBytesPerToken() == null || !m.hasGpu()) {
            return java.util.List.of();
        }
        int tp = Math.max(1, p.tensorParallel());
        long capacity = mem.kvCapacityTokens() == null ? 0 : mem.kvCapacityTokens();
        int most = (int) Math.max(1, Math.min(256, capacity / (PROMPT + OUTPUT)));
        java.util.TreeSet<Integer> cs = new java.util.TreeSet<>(java.util.List.of(1, most));
        if (req.parallel() > 1) {
            cs.add(req.parallel());
        }
        boolean fp8 = req.quant() instanceof dev.runyard.core.quant.Quant.Gpu g
                && g.format() == dev.runyard.core.quant.GpuFormat.FP8;
        java.util.List<dev.runyard.core.speed.ServingSpeed.Rates> out = new java.util.ArrayList<>();
        for (int c : cs) {
            out.add(dev.runyard.core.speed.ServingSpeed.at(arch, w, m.gpus().get(0).accelerator(), tp,
                    mem.kvBytesPerToken(), fp8, c, PROMPT, OUTPUT));
        }
        return out;
    }

    /** KV bytes one sequence's decode step reads with {@code depth} tokens in the context. */
    static long kvRead(ModelArchitecture arch, EstimateRequest req, MemoryEstimate mem, WeightsEstimate w, long depth) {
        if (depth <= 0) {
            return 0;
        }
        return switch (req.engine()) {
            case LLAMA_CPP, OLLAMA -> KV_READ.get(arch, java.util.List.of(depth, Math.min(req.ubatch(), req.batch()),
                    req.kvTypeK(), req.kvTypeV(), req.swaFull()), () -> sum(LlamaCppKvCache.layerBytes(arch, depth, 1,
                    Math.min(req.ubatch(), req.batch()), req.kvTypeK(), req.kvTypeV(), req.swaFull())));
            case MLX -> MemoryEstimator.estimate(arch, req.toBuilder().ctx(depth).parallel(1).build(), w).kvCacheBytes();
            case VLLM, SGLANG -> mem.kvBytesPerToken() == null ? 0 : mem.kvBytesPerToken() * p(req) * depth;
        };
    }

    /** A pure function of the architecture and these arguments, asked for every llama.cpp plan a ranking prices. */
    private static final dev.runyard.core.model.ArchMemo<Long> KV_READ = new dev.runyard.core.model.ArchMemo<>();

    private static long sum(long[] a) {
        long t = 0;
        for (long x : a) {
            t += x;
        }
        return t;
    }

    private static long p(EstimateRequest req) {
        return Math.max(1, req.tensorParallel());
    }
}
