package dev.runyard.core.speed;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.model.Attention;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decode and prefill speed from first principles:
 * <ul>
 *   <li>decode: each token reads the active weights (all but the embedding, and only the routed share of the
 *       experts) and the KV cache up to the current depth. Time = bytes / (bandwidth × efficiency), or the ALU time
 *       to dequantize when that is longer, plus a fixed cost per layer and per extra GPU. Layer split runs the GPUs
 *       one after another; tensor parallel divides the bytes and adds an all-reduce per layer.
 *       Bytes held in system RAM (offload) stream at RAM bandwidth.</li>
 *   <li>prefill (pp512): 2 × active parameters per token plus attention, over dense FP16 TFLOPS × efficiency.</li>
 * </ul>
 * The band is the calibration's spread: decode −20%/+15%, prefill −35%/+35%.
 */
public final class SpeedModel {
    /** A decode-time all-reduce per layer under tensor parallelism (NCCL small-message latency). */
    static final double ALLREDUCE_MICROS = 15;

    private SpeedModel() {
    }

    /** How the model is spread over several GPUs. */
    public enum Parallelism { LAYER_SPLIT, TENSOR_PARALLEL }

    /** Decode and prefill speed with their band; the basis is built from the inputs when asked for. */
    public static SpeedEstimate estimate(SpeedInputs in) {
        Rates r = rates(in);
        double decode = r.decode();
        Double prefill = r.prefill();
        return new SpeedEstimate(decode, decode * 0.8, decode * 1.15, prefill, prefill == null ? null : prefill * 0.65,
                prefill == null ? null : prefill * 1.35, in);
    }

    /** What a speed estimate assumed: method, bandwidths, efficiencies, bytes per token, parallelism, source. */
    static Map<String, Object> basis(SpeedInputs in) {
        BackendProfile p = BackendProfile.of(in.backend(), in.accelerator().vendor());
        Accelerator acc = in.accelerator();
        double activeBytes = activeWeightBytes(in.arch(), in.weights());
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("method", "decode: max(bytes / (bandwidth x efficiency), dequant ALU time; on a host CPU also 2 x active"
                + " params / (0.25 x its prefill rate)) + RAM-offloaded bytes / RAM bandwidth + per-layer and per-GPU"
                + " costs; prefill: 2 x active params x 512 / (FP16 TFLOPS x efficiency; a host CPU's measured rate as is)");
        basis.put("accelerator", acc.name());
        basis.put("bandwidth_gbs", acc.bandwidthGbs());
        basis.put("fp16_tflops", acc.fp16Tflops());
        basis.put("backend", p.backend().key());
        basis.put("bandwidth_efficiency", p.bandwidthEfficiency());
        basis.put("layer_overhead_us", p.layerOverheadMicros());
        basis.put("prefill_efficiency", prefillEfficiency(in, p));
        basis.put("weight_bytes_per_token", Math.round(activeBytes));
        basis.put("kv_read_bytes_per_token", in.kvReadBytes());
        basis.put("bytes_per_token", Math.round(activeBytes + in.kvReadBytes()));
        basis.put("offloaded_bytes", in.offloadedBytes());
        basis.put("ram_bandwidth_gbs", in.ramBandwidthGbs());
        basis.put("kv_cache_in_ram", in.kvInRam());
        basis.put("gpus", in.gpus());
        basis.put("parallelism", in.parallelism().name().toLowerCase(java.util.Locale.ROOT));
        basis.put("source", acc.sourceUrl());
        return java.util.Collections.unmodifiableMap(basis);
    }

    /** Decode and prefill tokens per second; prefill is null without a TFLOPS figure. */
    public record Rates(double decode, Double prefill) {
    }

    /** The rates alone, without the basis. */
    public static Rates rates(SpeedInputs in) {
        ModelArchitecture arch = in.arch();
        WeightsEstimate w = in.weights();
        Accelerator acc = in.accelerator();
        int gpus = in.gpus();
        boolean tp = in.parallelism() == Parallelism.TENSOR_PARALLEL && gpus > 1;
        BackendProfile p = BackendProfile.of(in.backend(), acc.vendor());
        double activeBytes = activeWeightBytes(arch, w);
        double kvRead = in.kvReadBytes();
        double bw = acc.bandwidthGbs() * 1e9 * p.bandwidthEfficiency();
        double gpuBytes = Math.max(0, activeBytes + (in.kvInRam() ? 0 : kvRead) - offloadActive(arch, w,
                in.offloadedBytes()));
        double cpuBytes = activeBytes + kvRead - gpuBytes;
        double tBandwidth;
        double tOverhead = arch.layerCount() * p.layerOverheadMicros() * 1e-6;
        if (tp) {
            tBandwidth = gpuBytes / (bw * gpus);
            tOverhead += arch.layerCount() * 2 * ALLREDUCE_MICROS * 1e-6;
        } else {
            tBandwidth = gpuBytes / bw;
            tOverhead += (gpus - 1) * BackendProfile.HOP_MICROS * 1e-6;
        }
        double tflops = acc.fp16Tflops() * 1e12;
        double tAlu = in.dequantizes() && tflops > 0
                ? 2 * in.activeParams() * p.dequantOpsPerWeight() / (tflops * (tp ? gpus : 1)) : 0;
        if (hostCpu(in) && tflops > 0) {
            // A few CPU cores multiply matrices by vectors slower than RAM feeds them: decode is compute-bound there.
            tAlu = Math.max(tAlu, 2 * in.activeParams() / (tflops * CPU_DECODE_SHARE));
        }
        double tCpu = cpuBytes > 0
                ? cpuBytes / (in.ramBandwidthGbs() * 1e9 * BackendProfile.of(Backend.CPU, GpuVendor.OTHER).bandwidthEfficiency()) : 0;
        double decode = 1 / (Math.max(tBandwidth, tAlu) + tCpu + tOverhead);
        Double prefill = null;
        if (tflops > 0) {
            double flopsPerToken = 2 * in.activeParams() + attentionFlopsPerToken(arch, 512);
            double eff = prefillEfficiency(in, p);
            double tPrefill = 512 * flopsPerToken / (tflops * eff * (tp ? gpus : 1))
                    + arch.layerCount() * p.layerOverheadMicros() * 1e-6;
            prefill = 512 / tPrefill;
        }
        return new Rates(decode, prefill);
    }

    /**
     * Share of a host CPU's prompt-processing rate that decode's matrix-vector products reach: 0.25, from llama.cpp
     * on a 2-core AVX-512 VM (Qwen3-4B Q4_0 decodes 13.7 tok/s = 110 GFLOP/s against 420 in pp512).
     */
    static final double CPU_DECODE_SHARE = 0.25;

    static boolean hostCpu(SpeedInputs in) {
        return "cpu".equals(in.accelerator().kind()) && in.backend() == Backend.CPU;
    }

    /** A host CPU's rate is already effective (measured with llama.cpp); a device's peak gets the backend's share. */
    static double prefillEfficiency(SpeedInputs in, BackendProfile p) {
        if (hostCpu(in)) {
            return 1.0;
        }
        return in.dequantizes() ? p.prefillEfficiencyQ() : p.prefillEfficiency16();
    }

    /** Weight bytes a token reads: all but the embedding (one row), and only the routed share of expert stacks. */
    static double activeWeightBytes(ModelArchitecture arch, WeightsEstimate w) {
        double routedShare = routedShare(arch);
        // With tied embeddings token_embd is also the output layer: every token multiplies with all of it.
        double embedding = arch.tiedEmbeddings() ? 0 : w.embeddingBytes();
        return w.bytes() - embedding - w.hostInputBytes() - w.expertBytes() * (1 - routedShare);
    }

    private static double offloadActive(ModelArchitecture arch, WeightsEstimate w, long offloadBytes) {
        if (offloadBytes <= 0) {
            return 0;
        }
        // Offloaded expert stacks (--n-cpu-moe) are read only in their routed share.
        return Math.min(offloadBytes, w.expertBytes()) * routedShare(arch) + Math.max(0, offloadBytes - w.expertBytes());
    }

    static double routedShare(ModelArchitecture arch) {
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                return (double) m.used() / m.experts();
            }
        }
        return 1;
    }

    /** Active parameters a token multiplies with: active minus the embedding lookups (token and per-layer tables). */
    public static double activeParams(ModelArchitecture arch) {
        double perLayerTable = (double) arch.extras().perLayerWidth() * arch.layerCount() * arch.extras().perLayerVocab();
        return dev.runyard.core.estimate.ParameterCounts.active(arch) - (double) arch.hidden() * arch.vocab()
                - perLayerTable;
    }

    /** QK^T and AV over an average of half the batch as context: 4 × layers × (ctx/2) × heads × head_dim. */
    static double attentionFlopsPerToken(ModelArchitecture arch, int batch) {
        double f = 0;
        for (Layer l : arch.layers()) {
            if (l.attention() instanceof Attention.Standard s) {
                f += 4.0 * (batch / 2.0) * s.heads() * s.headDimK();
            }
        }
        return f;
    }
}
