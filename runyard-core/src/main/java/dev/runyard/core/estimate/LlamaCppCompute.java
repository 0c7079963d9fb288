package dev.runyard.core.estimate;

import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * llama.cpp's compute buffer: the peak of live F32 intermediates while the worst-case graph (n_ubatch tokens
 * against the full cache, every token an output) runs, as ggml-alloc reuses memory between ops. The candidates:
 * <ul>
 *   <li>output: logits [n_vocab, n_ubatch] plus the normed input [n_embd, n_ubatch];</li>
 *   <li>attention without flash attention: KQ [n_kv, n_ubatch, n_head] (softmax in place) plus the KQ mask and
 *       the residual stream; with flash attention KQ is never materialised;</li>
 *   <li>FFN: gate and up [n_ff, n_ubatch] live together; MoE: the same per selected expert.</li>
 * </ul>
 * The buffer is the largest candidate. Residual and Q/K/V copies are counted as 4 rows of [n_embd, n_ubatch].
 */
public final class LlamaCppCompute {
    private LlamaCppCompute() {
    }

    public record ComputeEstimate(long bytes, String phase, Part part) {
    }

    public static ComputeEstimate estimate(ModelArchitecture arch, long cells, int ubatch, boolean flashAttn,
                                           int nSeq) {
        return estimate(arch, cells, ubatch, flashAttn, nSeq, 0);
    }

    /**
     * @param hostExpertTensorBytes the largest expert stack kept in host memory (--n-cpu-moe, -ot exps=CPU), 0 if
     *                              none: for batches of 32+ tokens the scheduler copies it to the GPU to multiply
     *                              there ("op offload"), so it occupies the compute buffer during the FFN
     */
    /** The buffer's size alone, without its explanation (ranking evaluates thousands of variants). */
    public static long peakBytes(ModelArchitecture arch, long cells, int ubatch, boolean flashAttn, int nSeq) {
        long ub = ubatch;
        long embdRow = (long) arch.hidden() * ub * 4;
        long peak = (long) arch.vocab() * ub * 4 + embdRow;
        for (Layer l : arch.layers()) {
            peak = Math.max(peak, attentionBytes(l.attention(), cells, ub, flashAttn, embdRow, nSeq));
            peak = Math.max(peak, ffnBytes(l.ffn(), ub, embdRow));
        }
        return peak;
    }

    public static ComputeEstimate estimate(ModelArchitecture arch, long cells, int ubatch, boolean flashAttn,
                                           int nSeq, long hostExpertTensorBytes) {
        // Pure, and asked once per quant for the same model and context while ranking.
        return MEMO.get(arch, new Args(cells, ubatch, flashAttn, nSeq, hostExpertTensorBytes),
                () -> compute(arch, cells, ubatch, flashAttn, nSeq, hostExpertTensorBytes));
    }

    private record Args(long cells, int ubatch, boolean flashAttn, int nSeq, long hostExpertTensorBytes) {
    }

    private static final dev.runyard.core.model.ArchMemo<ComputeEstimate> MEMO = new dev.runyard.core.model.ArchMemo<>();

    private static ComputeEstimate compute(ModelArchitecture arch, long cells, int ubatch, boolean flashAttn,
                                           int nSeq, long hostExpertTensorBytes) {
        long ub = ubatch;
        long embdRow = (long) arch.hidden() * ub * 4;
        long output = (long) arch.vocab() * ub * 4 + embdRow;
        long attention = 0;
        long ffn = 0;
        for (Layer l : arch.layers()) {
            attention = Math.max(attention, attentionBytes(l.attention(), cells, ub, flashAttn, embdRow, nSeq));
            ffn = Math.max(ffn, ffnBytes(l.ffn(), ub, embdRow));
        }
        if (hostExpertTensorBytes > 0 && ubatch >= 32) {
            ffn += hostExpertTensorBytes;
        }
        String phase = "output";
        long peak = output;
        if (attention > peak) {
            peak = attention;
            phase = "attention";
        }
        if (ffn > peak) {
            peak = ffn;
            phase = "ffn";
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("n_ubatch", ub);
        in.put("n_vocab", arch.vocab());
        in.put("n_embd", arch.hidden());
        in.put("n_kv", cells);
        in.put("flash_attn", flashAttn);
        in.put("output_phase_bytes", output);
        in.put("attention_phase_bytes", attention);
        in.put("ffn_phase_bytes", ffn);
        in.put("host_expert_tensor_copy_bytes", hostExpertTensorBytes);
        Part part = new Part("compute_buffer", peak,
                "max(output: (n_vocab + n_embd) x n_ubatch x 4; attention: n_head x n_kv x n_ubatch x 4 (no FA) + mask"
                        + " + 4 x n_embd x n_ubatch x 4; ffn: (2 x n_ff + 2 x n_embd) x n_ubatch x 4), peak phase = " + phase,
                in);
        return new ComputeEstimate(peak, phase, part);
    }

    private static long attentionBytes(Attention a, long cells, long ub, boolean fa, long embdRow, int nSeq) {
        long heads;
        long kvCells = cells;
        if (a instanceof Attention.Standard s) {
            heads = s.heads();
            if (!s.window().isFull()) {
                kvCells = Math.min(cells, LlamaCppKvCache.pad((long) s.window().size() * nSeq + ub, LlamaCppKvCache.PAD));
            }
        } else if (a instanceof Attention.Mla m) {
            heads = m.heads();
        } else if (a instanceof Attention.Compressed c) {
            heads = c.heads();
            kvCells = Math.min(cells, LlamaCppKvCache.pad((long) c.window() * nSeq + ub, LlamaCppKvCache.PAD))
                    + (c.compressRatio() > 0 ? cells / c.compressRatio() : 0);
        } else {
            return 0;
        }
        long mask = kvCells * ub * (fa ? 2 : 4);
        long kq = fa ? 0 : heads * kvCells * ub * 4;
        return kq + mask + 4 * embdRow;
    }

    private static long ffnBytes(Ffn f, long ub, long embdRow) {
        if (f instanceof Ffn.Dense d) {
            return 2L * d.ff() * ub * 4 + 2 * embdRow;
        }
        if (f instanceof Ffn.Moe m) {
            long routed = 2L * m.expertFf() * m.used() * ub * 4 + embdRow / 1 * m.used();
            long router = 2L * m.experts() * ub * 4;
            return routed + router + 2 * embdRow;
        }
        return 0;
    }
}
