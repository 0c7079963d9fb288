package dev.runyard.core.plan;

import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.LlamaCppCompute;
import dev.runyard.core.estimate.LlamaCppEstimator;
import dev.runyard.core.estimate.LlamaCppKvCache;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Places a llama.cpp (or Ollama) run on a machine, the way llama.cpp's own options do: all layers on the GPUs,
 * split in proportion to their free memory ({@code -ts}); if that does not fit, routed experts of the first layers
 * to system RAM ({@code --n-cpu-moe}), else fewer layers on the GPUs ({@code -ngl}); without a GPU, all in RAM.
 * The KV cache of a layer lives with the layer. The embedding stays in RAM.
 */
public final class LlamaCppPlacement {
    private LlamaCppPlacement() {
    }

    public static PlacementPlan plan(ModelArchitecture arch, EstimateRequest req, Machine m, WeightsEstimate w) {
        int nSeq = req.parallel();
        long nCtx = req.engine().key().equals("ollama") ? req.ctx() * nSeq : req.ctx();
        int ub = Math.min(req.ubatch(), req.batch());
        long[] layerW = w.layerBytes();
        long[] layerKv = LlamaCppKvCache.layerBytes(arch, nCtx, nSeq, ub, req.kvTypeK(), req.kvTypeV(), req.swaFull());
        long kvBytes = sum(layerKv);
        long cells = LlamaCppKvCache.pad(nCtx, LlamaCppKvCache.PAD);
        int n = arch.layerCount();
        long head = w.bytes() - w.embeddingBytes() - sum(layerW) + (arch.tiedEmbeddings() ? w.embeddingBytes() : 0);
        long hostBase = w.embeddingBytes() + (long) arch.vocab() * 4 * nSeq;
        List<String> notes = new ArrayList<>();
        if (!m.hasGpu()) {
            long need = w.bytes() + kvBytes + LlamaCppCompute.peakBytes(arch, cells, ub, false, nSeq) + hostBase
                    - w.embeddingBytes();
            FitLevel fit = need <= m.usableRamBytes() ? FitLevel.CPU_ONLY : FitLevel.DOES_NOT_FIT;
            notes.add("no GPU: weights and KV cache in system RAM (90% of it usable)");
            return new PlacementPlan(fit, 0, 0, List.of(), List.of(), need, w.bytes() - w.embeddingBytes(), notes);
        }
        boolean fa = req.flashAttn() == null ? !req.backend().equalsIgnoreCase("cpu") : req.flashAttn();
        long compute = LlamaCppCompute.peakBytes(arch, cells, ub, fa, nSeq);
        long reserve = LlamaCppEstimator.runtimeReserve(req.backend());
        int gpus = m.gpus().size();
        long perGpuFixed = compute + reserve;
        long gpuCapacity = m.usableGpuBytesTotal() - perGpuFixed * gpus;
        notes.add("safety margin " + (m.safetyMarginBytes() >> 20) + " MiB per GPU; " + (compute >> 20)
                + " MiB compute buffer + " + (reserve >> 20) + " MiB runtime per GPU");
        long allLayers = sum(layerW) + sum(layerKv) + head;
        if (allLayers <= gpuCapacity) {
            return split(m, FitLevel.FULL_GPU, n + 1, 0, allLayers, perGpuFixed, hostBase, 0, notes);
        }
        // MoE: move routed experts of the first layers to RAM, the way --n-cpu-moe does.
        long[] expertsPerLayer = expertBytesPerLayer(arch, w);
        if (sum(expertsPerLayer) > 0) {
            long copy = maxOf(expertsPerLayer) / 3; // op offload copies one expert stack at a time into the buffer
            long capacity = gpuCapacity - copy * gpus;
            long onGpu = allLayers;
            long moved = 0;
            int k = 0;
            while (k < n && onGpu > capacity) {
                onGpu -= expertsPerLayer[k];
                moved += expertsPerLayer[k];
                k++;
            }
            if (onGpu <= capacity && hostBase + moved <= m.usableRamBytes()) {
                notes.add("routed experts of " + k + " layers in system RAM (--n-cpu-moe " + k + ")");
                return split(m, FitLevel.PARTIAL_OFFLOAD, n + 1, k, onGpu, perGpuFixed + copy, hostBase + moved, moved, notes);
            }
        }
        // Dense (or MoE that still does not fit): as many whole layers as fit, the rest in RAM.
        long onGpu = head;
        int ngl = 0;
        while (ngl < n && onGpu + layerW[n - 1 - ngl] + layerKv[n - 1 - ngl] <= gpuCapacity) {
            onGpu += layerW[n - 1 - ngl] + layerKv[n - 1 - ngl];
            ngl++;
        }
        long host = hostBase + allLayers - onGpu;
        if (ngl == 0 || onGpu > gpuCapacity) {
            long need = w.bytes() + kvBytes + compute + hostBase - w.embeddingBytes();
            FitLevel fit = need <= m.usableRamBytes() ? FitLevel.CPU_ONLY : FitLevel.DOES_NOT_FIT;
            return new PlacementPlan(fit, 0, 0, List.of(), List.of(), need, w.bytes() - w.embeddingBytes(), notes);
        }
        FitLevel fit = host <= m.usableRamBytes() ? FitLevel.PARTIAL_OFFLOAD : FitLevel.DOES_NOT_FIT;
        notes.add(ngl + " of " + n + " layers on the GPUs (-ngl " + ngl + "), the rest in system RAM");
        return split(m, fit, ngl, 0, onGpu, perGpuFixed, host, allLayers - onGpu, notes);
    }

    /** Splits {@code onGpu} bytes over the GPUs in proportion to their usable memory (llama.cpp's -ts default). */
    private static PlacementPlan split(Machine m, FitLevel fit, int ngl, int cpuMoe, long onGpu, long perGpuFixed,
                                       long host, long offloaded, List<String> notes) {
        long total = m.usableGpuBytesTotal();
        List<Long> devices = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (int i = 0; i < m.gpus().size(); i++) {
            double share = (double) m.usableGpuBytes(i) / total;
            devices.add(Math.round(onGpu * share) + perGpuFixed);
            ts.add(Math.round(share * 1000) / 1000.0);
        }
        return new PlacementPlan(fit, ngl, cpuMoe, m.identicalGpus() ? List.of() : ts, devices, host, offloaded, notes);
    }

    static long[] expertBytesPerLayer(ModelArchitecture arch, WeightsEstimate w) {
        long[] out = new long[arch.layerCount()];
        long moeLayers = arch.layers().stream().filter(l -> l.ffn() instanceof Ffn.Moe).count();
        if (moeLayers == 0 || w.expertBytes() == 0) {
            return out;
        }
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe) {
                out[l.index()] = w.expertBytes() / moeLayers;
            }
        }
        return out;
    }


    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }

    private static long maxOf(long[] a) {
        long s = 0;
        for (long x : a) {
            s = Math.max(s, x);
        }
        return s;
    }
}
