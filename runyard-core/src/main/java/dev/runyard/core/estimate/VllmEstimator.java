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
 * vLLM (V1 engine) and SGLang. All byte figures are per GPU. vLLM: pool = reported total × utilization − weights −
 * activation peak − non-torch memory − CUDA-graph estimate; KV bytes per token count full-attention and MLA layers
 * (sliding, chunked and recurrent layers cost a per-request constant under the hybrid manager). SGLang: pool =
 * free memory after weights − free at start × (1 − mem_fraction_static). See {@code docs/estimates.md}.
 */
final class VllmEstimator {
    /** cudaMemGetInfo reports about 99% of the nominal memory (H100 80 GB: 79.19 GiB; RTX 3090: 23.58 GiB). */
    static final double REPORTED_FRACTION = 0.99;
    /** vLLM's default scheduler budget for the V1 engine with chunked prefill. */
    static final long DEFAULT_BATCHED_TOKENS = 8192;
    /** vLLM's default max_num_seqs, the rows the sampler is profiled with. */
    static final long DEFAULT_MAX_SEQS = 256;
    /** CUDA-graph estimate per layer (0.52 GiB measured for Llama-3.1-8B's 32 layers). */
    static final long GRAPH_BYTES_PER_LAYER = 16L << 20;
    /** Non-torch memory: CUDA context growth, cuBLAS workspace; NCCL and custom all-reduce buffers with TP. */
    static final long NON_TORCH = 200L << 20;
    static final long NON_TORCH_TP = 200L << 20;

    private VllmEstimator() {
    }

    static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exact) {
        Quant.Gpu q = MemoryEstimator.gpuQuant(req);
        boolean sglang = req.engine() == Engine.SGLANG;
        int tp = req.tensorParallel();
        int pp = req.pp();
        List<String> warnings = MemoryEstimator.baseWarnings(arch);
        int heads = arch.attentionHeads();
        if (tp > 1 && heads > 0 && heads % tp != 0) {
            throw dev.runyard.core.error.RunyardException.badInput(req.engine() + " shards the " + heads
                    + " attention heads evenly, so --tp " + tp + " cannot work", "use a --tp that divides " + heads);
        }
        WeightsEstimate w = exact != null ? exact
                : WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), req.mtp());
        long textPerGpu = TensorParallelShards.weightsPerRank(arch, q.format(), q.bitsPerWeight(), tp, pp, req.mtp());
        String split = "";
        if (exact != null) {
            // Exact bytes (a checkpoint's headers): the whole on one GPU; over TP/PP ranks in the estimate's shares.
            WeightsEstimate est = WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), req.mtp());
            textPerGpu = tp * pp == 1 || est.bytes() == 0 ? exact.bytes()
                    : Math.round(textPerGpu * ((double) exact.bytes() / est.bytes()));
            split = tp * pp == 1 ? "" : "; the exact total split over the ranks as the estimate splits it";
        }
        // The vision tower loads in 16 bits (quantization methods skip it) and is sharded over TP like the rest.
        long visionPerGpu = req.loadsVision() ? (arch.visionParams() * 2 + tp - 1) / tp : 0;
        long weightsPerGpu = textPerGpu + visionPerGpu;
        KvType kvType = req.kvTypeK() == KvType.FP8 || req.kvTypeV() == KvType.FP8 ? KvType.FP8 : KvType.F16;
        int kvBytes = kvType == KvType.FP8 ? 1 : 2;
        int layersPerStage = (arch.layerCount() + pp - 1) / pp;
        double layerShare = (double) layersPerStage / arch.layerCount();
        long perToken = 0;
        long perRequestConst = 0;
        boolean mla = false;
        long maxLen = req.maxModelLen() > 0 ? req.maxModelLen() : req.ctx();
        long batched = req.maxNumBatchedTokens() > 0 ? req.maxNumBatchedTokens() : DEFAULT_BATCHED_TOKENS;
        List<Layer> cached = new ArrayList<>(arch.layers());
        if (req.mtp()) {
            // MTP blocks used as the draft keep their own KV, like extra layers (vLLM adds them to the cache).
            for (int k = 0; k < arch.nextnLayers(); k++) {
                cached.add(arch.layers().get(arch.layerCount() - 1));
            }
        }
        for (Layer l : cached) {
            Attention a = l.attention();
            if (a instanceof Attention.Standard s && !s.ownsKv()) {
                continue; // KV sharing (Gemma 3n/4): the layer reads its target layer's cache
            } else if (a instanceof Attention.Standard s) {
                long kvPerRank = Math.max(1, s.kvHeads() / tp);
                long bytes = kvPerRank * (s.headDimK() + s.headDimV()) * kvBytes;
                if (s.window().isFull() || sglang) {
                    perToken += bytes;
                } else {
                    perRequestConst += bytes * Math.min(s.window().size() - 1 + batched, maxLen);
                }
            } else if (a instanceof Attention.Mla m) {
                mla = true;
                perToken += m.latentElementsPerToken() * kvBytes;
            } else if (a instanceof Attention.Compressed c) {
                perToken += (long) Math.ceil((double) c.headDim() * kvBytes / Math.max(1, c.compressRatio()));
                perRequestConst += (long) c.window() * c.headDim() * kvBytes;
            } else if (a instanceof Attention.Recurrent r) {
                perRequestConst += (r.convStateElements() * 2 + r.ssmStateElements() * 4) / tp;
            }
        }
        perToken = (long) Math.ceil(perToken * layerShare);
        perRequestConst = (long) Math.ceil(perRequestConst * layerShare);
        int block = mla ? 64 : 16;
        long activation = activationPeak(arch, tp, batched);
        long nonTorch = NON_TORCH + (tp > 1 ? NON_TORCH_TP : 0);
        long graphs = sglang ? 0 : (long) layersPerStage * GRAPH_BYTES_PER_LAYER;
        double util = req.gpuMemoryUtilization();
        long pool;
        long budget;
        String poolFormula;
        Map<String, Object> in = new LinkedHashMap<>();
        if (req.gpuMemoryBytes() > 0) {
            long reported = (long) (req.gpuMemoryBytes() * REPORTED_FRACTION);
            if (sglang) {
                double frac = util == 0.9 ? sglangDefaultFraction(req.gpuMemoryBytes()) : util;
                long freeAtStart = reported - nonTorch;
                budget = (long) (freeAtStart * frac);
                pool = budget - weightsPerGpu;
                poolFormula = "(reported_total - context) x mem_fraction_static - weights_per_gpu";
                in.put("mem_fraction_static", frac);
            } else {
                budget = (long) (reported * util);
                pool = budget - weightsPerGpu - activation - nonTorch - graphs;
                poolFormula = "reported_total x gpu_memory_utilization - weights - activation_peak - non_torch - cuda_graphs";
                in.put("gpu_memory_utilization", util);
            }
            in.put("reported_total_bytes", reported);
            if (pool < 0) {
                warnings.add("weights and runtime memory exceed the budget by " + (-pool) + " bytes per GPU: does not fit");
                pool = 0;
            }
        } else {
            pool = perToken * pad(maxLen, block) * req.parallel() + perRequestConst * req.parallel();
            budget = 0;
            poolFormula = "no GPU memory given: pool sized to max_model_len x parallel requests";
            warnings.add("no GPU memory given (--gpu or --gpu-memory-gib): KV pool sized to the requested context");
        }
        long capacity = perToken == 0 ? 0 : pool / (perToken * block) * block;
        long perRequest = perToken * pad(maxLen, block) + perRequestConst;
        double concurrency = perRequest == 0 ? 0 : (double) pool / perRequest;
        if (req.gpuMemoryBytes() > 0 && concurrency < 1 && pool > 0) {
            warnings.add("the KV pool holds less than one request of max_model_len " + maxLen);
        }
        long overhead = sglang ? nonTorch : nonTorch + graphs;
        long compute = sglang ? 0 : activation;
        if (sglang && budget > 0) {
            // SGLang keeps (1 - fraction) of free memory for activations and graphs.
            compute = Math.max(0, (long) (req.gpuMemoryBytes() * REPORTED_FRACTION) - nonTorch - budget);
        }
        List<Part> parts = new ArrayList<>();
        if (visionPerGpu > 0) {
            parts.add(new Part("weights_per_gpu.vision_tower", visionPerGpu, "vision_params x 2 bytes / TP",
                    Map.of("vision_params", arch.visionParams(), "tp", tp)));
        }
        parts.add(new Part("weights_per_gpu", textPerGpu, w.method() + "; linears sharded over TP=" + tp
                + ", KV heads replicated when TP exceeds them, layers split over PP=" + pp + split,
                Map.of("tp", tp, "pp", pp, "bytes_by_type_unsharded", w.bytesByType())));
        in.put("kv_bytes_per_token", perToken);
        in.put("per_request_constant_bytes", perRequestConst);
        in.put("block_size", block);
        parts.add(new Part("kv_cache_pool", pool, poolFormula, in));
        if (!sglang) {
            parts.add(new Part("activation_peak", activation,
                    "max_num_batched_tokens x (3 x ffn_per_rank + 6 x hidden) x 2 + max_num_seqs x vocab x 8",
                    Map.of("max_num_batched_tokens", batched, "max_num_seqs", DEFAULT_MAX_SEQS)));
            parts.add(new Part("cuda_graphs", graphs, "layers_per_stage x 16 MiB (vLLM >= 0.21 subtracts it)",
                    Map.of("layers", layersPerStage)));
        }
        if (sglang && compute > 0) {
            parts.add(new Part("reserved_for_activations_and_graphs", compute,
                    "(reported_total - context) x (1 - mem_fraction_static): SGLang leaves it for activations and CUDA graphs",
                    Map.of()));
        }
        parts.add(new Part("non_torch", nonTorch, "CUDA context growth + cuBLAS (+ NCCL/all-reduce with TP)",
                Map.of("tp", tp)));
        List<DeviceUsage> devices = new ArrayList<>();
        for (int d = 0; d < tp * pp; d++) {
            devices.add(new DeviceUsage("GPU" + d, weightsPerGpu, pool, compute, overhead));
        }
        return new MemoryEstimate(req.engine().key(), q.name(), maxLen, ParameterCounts.total(arch),
                ParameterCounts.active(arch), weightsPerGpu, pool, compute, overhead, devices, parts, warnings, perToken,
                capacity, concurrency, w.bitsPerWeight(ParameterCounts.total(arch)));
    }

    static long pad(long n, long block) {
        return (n + block - 1) / block * block;
    }

    /** SGLang picks mem_fraction_static from GPU memory (server_args.py); documented approximations. */
    static double sglangDefaultFraction(long gpuBytes) {
        double gib = gpuBytes / (double) (1L << 30);
        return gib <= 24 ? 0.85 : gib <= 48 ? 0.87 : gib <= 80 ? 0.88 : 0.9;
    }

    /** Profile-run activation peak: MLP intermediates over the batched tokens plus sampler logits. */
    static long activationPeak(ModelArchitecture arch, int tp, long tokens) {
        long ff = 0;
        for (Layer l : arch.layers()) {
            long f = 0;
            if (l.ffn() instanceof dev.runyard.core.model.Ffn.Dense d) {
                f = d.ff();
            } else if (l.ffn() instanceof dev.runyard.core.model.Ffn.Moe m) {
                f = (long) m.expertFf() * m.used() + m.sharedFf();
            }
            ff = Math.max(ff, f);
        }
        long perToken = (3 * ff / tp + 6L * arch.hidden()) * 2;
        return tokens * perToken + DEFAULT_MAX_SEQS * arch.vocab() * 8L;
    }
}
