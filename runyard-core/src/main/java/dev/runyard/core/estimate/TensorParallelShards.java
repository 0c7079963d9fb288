package dev.runyard.core.estimate;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.quant.GpuFormat;

/**
 * Weight bytes per GPU under tensor and pipeline parallelism, as vLLM/SGLang shard them: column/row-parallel
 * linears and the vocabulary split over TP ranks; K/V projections replicated when TP exceeds the KV heads; MLA's
 * down-projections ({@code q_a}, {@code kv_a}), norms and routers replicated; layers split over PP stages (the
 * first holding the embedding, the last the head). Returns the largest rank.
 */
final class TensorParallelShards {
    private TensorParallelShards() {
    }

    private static final dev.runyard.core.model.ArchMemo<Long> MEMO = new dev.runyard.core.model.ArchMemo<>();

    static long weightsPerRank(ModelArchitecture arch, GpuFormat format, double bits, int tp, int pp, boolean mtp) {
        return MEMO.get(arch, java.util.List.of(format, bits, tp, pp, mtp),
                () -> weightsPerRankUncached(arch, format, bits, tp, pp, mtp));
    }

    private static long weightsPerRankUncached(ModelArchitecture arch, GpuFormat format, double bits, int tp, int pp,
                                               boolean mtp) {
        int layersPerStage = (arch.layerCount() + pp - 1) / pp;
        long[] stage = new long[pp];
        boolean fp4Experts = arch.checkpointQuant().endsWith("+fp4_experts");
        for (Tensor t : (mtp ? InventoryBuilder.checkpoint(arch) : InventoryBuilder.published(arch)).tensors()) {
            long bytes = WeightsEstimator.gpuTensorBytes(t, format, bits, fp4Experts);
            long share = share(arch, t, bytes, tp);
            int s;
            if (t.name().equals("token_embd.weight")) {
                s = 0;
            } else if (t.layer() < 0) {
                s = pp - 1;
            } else {
                s = Math.min(pp - 1, t.layer() / layersPerStage);
            }
            stage[s] += share;
        }
        long max = 0;
        for (long b : stage) {
            max = Math.max(max, b);
        }
        return max;
    }

    private static long share(ModelArchitecture arch, Tensor t, long bytes, int tp) {
        String n = t.name();
        if (tp == 1) {
            return bytes;
        }
        if (t.dims() == 1 || n.contains("_norm") || n.contains("ffn_gate_inp") || n.contains("exp_probs_b")
                || n.contains("attn_q_a.") || n.contains("attn_kv_a_mqa") || n.contains("attn_sinks")) {
            return bytes;
        }
        if (t.layer() >= 0 && t.layer() < arch.layerCount() && (n.contains("attn_k.") || n.contains("attn_v."))) {
            Layer l = arch.layers().get(t.layer());
            if (l.attention() instanceof Attention.Standard s) {
                long perRank = Math.max(1, s.kvHeads() / tp);
                return bytes * perRank / s.kvHeads();
            }
        }
        return (bytes + tp - 1) / tp;
    }
}
