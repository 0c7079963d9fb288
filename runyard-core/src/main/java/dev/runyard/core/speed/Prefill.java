package dev.runyard.core.speed;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.List;

/**
 * Prompt processing time on one llama.cpp device group, split from {@link SpeedModel} by part:
 * <ul>
 *   <li>compute: 2 × parameters per prompt token plus attention over the prompt so far, at the peak × efficiency;
 *       a MoE's expert matrices at a lower share (below);</li>
 *   <li>weight reads: each micro-batch (n_ubatch 512) reads every dense weight once and every expert that one of its
 *       tokens is routed to: E × (1 − (1 − k/E)^u) of E, nearly all of them at u = 512;</li>
 *   <li>the time is the longer of the two, plus the old FP16 copy of quantized weights (before MMQ) and, over several
 *       GPUs, what the split costs (pipeline bubble, or the row split's gathers).</li>
 * </ul>
 */
final class Prefill {
    /** llama.cpp's default micro-batch (n_ubatch 512, common/common.h). */
    static final int UBATCH = 512;
    /**
     * Widest column tile of llama.cpp's MMQ kernels on GPUs with integer tensor cores: {@code get_mmq_x_max_host}
     * returns 128 when Turing MMA is available (ggml/src/ggml-cuda/mmq.cuh, https://github.com/ggml-org/llama.cpp).
     * A dense matrix multiplies the whole micro-batch in full tiles; an expert ({@code mul_mat_id}) gets only the
     * tokens routed to it, u × k / E (48 of 512 for DeepSeek-V2-Lite's 6 of 64), so each weight tile it loads is
     * used for that many columns instead of 128 and the expert matrices run at that share of the dense rate.
     */
    static final int MMQ_X_MAX = 128;
    /** Key of the row split's effective gather rate, GB/s (fitted on row-split prompt rows). */
    static final String ROW_GATHER_KEY = "row_split_gather_gbs";

    private Prefill() {
    }

    /** Seconds to process the prompt; the caller adds the per-layer launch costs. */
    static double seconds(SpeedInputs in, SpeedConstants c, double peak, double eff, double bw, boolean tp,
                          boolean row, double rowSync) {
        ModelArchitecture arch = in.arch();
        WeightsEstimate w = in.weights();
        int prompt = in.promptTokens();
        int gpus = in.gpus();
        int u = Math.min(prompt, UBATCH);
        double ubatches = Math.ceil((double) prompt / UBATCH);
        double experts = expertParams(arch);
        double dense = Math.max(0, SpeedModel.prefillParams(in) - experts);
        double flopsPerToken = 2 * dense + 2 * experts / expertShare(in, u)
                + SpeedModel.attentionFlopsPerToken(arch, prompt);
        double read = Math.max(0, w.bytes() - w.embeddingBytes() - w.expertBytes() * (1 - touched(arch, u)));
        double single = Math.max(prompt * flopsPerToken / (peak * eff), ubatches * read / bw);
        if (in.backend() == Backend.CUDA && in.blockQuant() && !SpeedModel.mmq(in)) {
            // Before MMQ, every micro-batch dequantized each matrix to an FP16 copy for cuBLAS
            // (ggml_cuda_op_mul_mat_cublas: to_fp16_cuda, then cublasGemmEx): the quantized matrix is read and 2 bytes
            // per weight written. cuBLAS then reads the copy as it reads 16-bit weights, inside the GEMM time.
            single += ubatches * (read + 2 * in.activeParams()) / bw;
        }
        if (tp) {
            return single / gpus + arch.layerCount() * 2 * SpeedModel.ALLREDUCE_MICROS * 1e-6;
        }
        if (row) {
            // Each matrix's rows are split over the GPUs and its outputs gathered on the main GPU before the next
            // one starts (ggml_cuda_op_mul_mat, split buffers). The rate is fitted: the gathers of that era went
            // through the host where GPUs had no peer access, and a split matrix left the FP16 tensor-core path
            // (ggml_cuda_op_mul_mat_cublas takes it only when row_diff == src0->ne[1]) for FP32 SGEMM.
            return single / gpus + rowSync
                    + (double) prompt * arch.layerCount() * rowOutputsPerLayer(arch) * 4 / (rowGatherGbs(c) * 1e9);
        }
        // Pipeline of m micro-batches over the GPUs in turn: (m + N − 1) stage times of single / (m × N); pp512 is
        // one micro-batch, so N − 1 GPUs wait (the bubble) and each hop moves the activations.
        return single * (ubatches + gpus - 1) / (ubatches * gpus)
                + (gpus - 1) * (BackendProfile.HOP_MICROS * 1e-6 + (double) u * arch.hidden() * 4 / (SpeedModel.PCIE_GBS * 1e9));
    }

    static double rowGatherGbs(SpeedConstants c) {
        return c.get(List.of(ROW_GATHER_KEY), SpeedModel.PCIE_GBS);
    }

    /** Share of the dense matrix rate the expert matrices reach: MMQ tiles filled with the tokens routed to each. */
    static double expertShare(SpeedInputs in, int ubatch) {
        if (SpeedModel.hostCpu(in)) {
            return HostCpuKernels.EXPERT_SHARE; // a dense model has no expert FLOPs for it to scale
        }
        if (!SpeedModel.mmq(in)) {
            return 1; // other kernels' tile widths are not sourced here: the dense rate is assumed
        }
        for (Layer l : in.arch().layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                double perExpert = (double) ubatch * m.used() / m.experts();
                return Math.min(1, perExpert / MMQ_X_MAX);
            }
        }
        return 1;
    }

    /** Routed expert parameters a token multiplies with (all MoE layers; shared experts count as dense). */
    static double expertParams(ModelArchitecture arch) {
        double p = 0;
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                p += (m.gated() ? 3.0 : 2.0) * arch.hidden() * m.expertFf() * m.used();
            }
        }
        return p;
    }

    /** Share of a MoE's experts that u tokens are routed to (at least one token each), uniform routing assumed. */
    static double touched(ModelArchitecture arch, int u) {
        double share = SpeedModel.routedShare(arch);
        return share >= 1 ? 1 : 1 - Math.pow(1 - share, u);
    }

    /** Output elements per token that a row split gathers per layer: Q, K, V, O and the FFN's matrices. */
    static double rowOutputsPerLayer(ModelArchitecture arch) {
        double f = 0;
        for (Layer l : arch.layers()) {
            if (l.attention() instanceof dev.runyard.core.model.Attention.Standard s) {
                f += s.heads() * s.headDimK() * 2.0 + s.kvHeads() * (s.headDimK() + s.headDimV());
            }
            if (l.ffn() instanceof Ffn.Dense d) {
                f += (d.gated() ? 2.0 : 1.0) * d.ff() + arch.hidden();
            }
        }
        return f / Math.max(1, arch.layerCount());
    }
}
