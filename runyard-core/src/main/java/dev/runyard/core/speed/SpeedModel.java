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
 *       to dequantize when that is longer, plus a fixed cost per layer (fitted) and per extra GPU. Layer split runs the GPUs
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

    /** Decode and prefill speed with their band; the basis is built from the inputs when asked for. */
    public static SpeedEstimate estimate(SpeedInputs in) {
        return estimate(in, SpeedConstants.fitted());
    }

    /** The same with a given table of fitted constants. */
    public static SpeedEstimate estimate(SpeedInputs in, SpeedConstants c) {
        Rates r = rates(in, c);
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
        basis.put("method", "decode: max(bytes / (bandwidth x efficiency), dequant ALU time; on a host CPU"
                + " max(bytes / (bandwidth x efficiency) + its weight types' dequant work at the CPU's prefill rate,"
                + " 2 x active params / (0.35 x that rate))) + RAM-offloaded bytes / RAM bandwidth + per-layer, MoE"
                + " router and per-GPU costs; prefill: 2 x active params x 512 / (peak x efficiency: INT8 tensor TOPS"
                + " for GGUF quants on CUDA, else FP16 TFLOPS; a host CPU's measured Q4_0 rate x its weight types'"
                + " share), with a layer split's pipeline bubble");
        basis.put("accelerator", acc.name());
        basis.put("bandwidth_gbs", acc.bandwidthGbs());
        basis.put("fp16_tflops", acc.fp16Tflops());
        basis.put("backend", p.backend().key());
        basis.put("bandwidth_efficiency", bandwidthEfficiency(in, SpeedConstants.fitted()));
        basis.put("layer_overhead_us", decodeLayerMicros(in, SpeedConstants.fitted()));
        if (hostCpu(in)) {
            basis.put("decode_dequant_ms", hostDequantSeconds(in, activeBytes) * 1e3);
        }
        basis.put("prefill_efficiency", prefillEfficiency(in, SpeedConstants.fitted()));
        basis.put("prefill_peak", mmq(in) ? "int8" : "fp16");
        basis.put("prefill_peak_tflops", prefillPeak(in));
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

    /**
     * How the model is spread over several GPUs: llama.cpp's layer split (the default since 2024-01), its older row
     * split ({@code -sm row}: every matrix split by rows, the default before), or vLLM/SGLang tensor parallelism.
     */
    public enum Parallelism { LAYER_SPLIT, TENSOR_PARALLEL, ROW_SPLIT }

    /** Kernels a dense transformer layer launches in llama.cpp (norms, Q/K/V/O, rope, attention, FFN, residuals). */
    static final int KERNELS_PER_DENSE_LAYER = 16;
    /**
     * Extra kernels a MoE layer launches beyond a dense FFN, before the experts are summed: router logits,
     * softmax/sigmoid, top-k, weight gather, weight normalisation (sum, clamp, div) and weighting, counted from
     * llama.cpp's {@code build_moe_ffn} (src/llama-graph.cpp, https://github.com/ggml-org/llama.cpp). The sum of the
     * used experts' outputs comes on top ({@link #expertSumKernels}).
     */
    static final int MOE_EXTRA_KERNELS = 8;
    /**
     * Chained adds that current CUDA and Metal builds run as one kernel: {@code c[i] = add(c[i-1], b[i])} for up to 8
     * nodes ({@code ggml_cuda_op_fused_add}, {@code n_fuse <= 8}, ggml-cuda; {@code kernel_add_fuse_2..8} in
     * ggml-metal, whose stored source of 2025-08 also has {@code GGML_OP_ADD_ID}). The experts' outputs are summed by
     * exactly such a chain.
     */
    static final int FUSED_ADDS = 8;
    /** Matrices a layer multiplies in a row split, each followed by a gather and a synchronisation. */
    static final int MATRICES_PER_LAYER = 7;
    /** Activations cross PCIe 4.0 x16 between GPUs: 31.5 GB/s (PCI-SIG) × 0.8. */
    static final double PCIE_GBS = 31.5 * 0.8;
    /** Prior for the row split's per-matrix synchronisation, microseconds (fitted: {@code row_split_sync_us}). */
    static final double ROW_SYNC_PRIOR_MICROS = 50;

    /** Decode and prefill tokens per second; prefill is null without a TFLOPS figure. */
    public record Rates(double decode, Double prefill) {
    }

    /** The rates alone, without the basis, with the constants Runyard ships. */
    public static Rates rates(SpeedInputs in) {
        return rates(in, SpeedConstants.fitted());
    }

    /** The rates with a given table of fitted constants (leave-one-hardware-out validation refits it). */
    public static Rates rates(SpeedInputs in, SpeedConstants c) {
        ModelArchitecture arch = in.arch();
        WeightsEstimate w = in.weights();
        Accelerator acc = in.accelerator();
        int gpus = in.gpus();
        boolean tp = in.parallelism() == Parallelism.TENSOR_PARALLEL && gpus > 1;
        boolean row = in.parallelism() == Parallelism.ROW_SPLIT && gpus > 1;
        BackendProfile p = BackendProfile.of(in.backend(), acc.vendor());
        double activeBytes = activeWeightBytes(arch, w);
        double kvRead = in.kvReadBytes();
        double bw = acc.bandwidthGbs() * 1e9 * bandwidthEfficiency(in, c);
        double kvGpu = in.kvInRam() ? 0 : kvRead;
        double offloaded = offloadActive(arch, w, in.offloadedBytes());
        double gpuBytes = Math.max(0, activeBytes + kvGpu - offloaded);
        double cpuBytes = Math.min(offloaded, activeBytes + kvGpu) + (in.kvInRam() ? kvRead : 0);
        double tBandwidth;
        // llama.cpp launches the router's kernels one by one; vLLM/SGLang fuse them and replay CUDA graphs.
        double moe = in.parallelism() == Parallelism.TENSOR_PARALLEL ? 0 : moeDispatchSeconds(arch, p, in.era());
        double tOverhead = arch.layerCount() * decodeLayerMicros(in, c) * 1e-6 + moe;
        double rowSync = row ? arch.layerCount() * MATRICES_PER_LAYER * rowSyncMicros(c) * 1e-6 : 0;
        if (tp) {
            tBandwidth = gpuBytes / (bw * gpus);
            tOverhead += arch.layerCount() * 2 * ALLREDUCE_MICROS * 1e-6;
        } else if (row) {
            tBandwidth = gpuBytes / (bw * gpus);
            tOverhead += rowSync;
        } else {
            tBandwidth = gpuBytes / bw;
            tOverhead += (gpus - 1) * BackendProfile.HOP_MICROS * 1e-6;
        }
        double tflops = acc.fp16Tflops() * 1e12;
        double tAlu = in.dequantizes() && tflops > 0
                ? 2 * in.activeParams() * p.dequantOpsPerWeight() / (tflops * (tp || row ? gpus : 1)) : 0;
        if (hostCpu(in)) {
            // On the host the weights are unpacked on top of being read (measured per type with llama-bench), and a
            // few cores beside fast RAM cannot multiply faster than a share of their prompt rate.
            tBandwidth += hostDequantSeconds(in, activeBytes);
            tAlu = tflops > 0 ? 2 * in.activeParams() / (tflops * CPU_DECODE_SHARE) : 0;
        }
        double tCpu = cpuBytes > 0
                ? cpuBytes / (in.ramBandwidthGbs() * 1e9 * BackendProfile.of(Backend.CPU, GpuVendor.OTHER).bandwidthEfficiency()) : 0;
        double decode = 1 / (Math.max(tBandwidth, tAlu) + tCpu + tOverhead);
        Double prefill = null;
        double peak = prefillPeak(in) * 1e12;
        if (peak > 0) {
            double tPrefill = Prefill.seconds(in, c, peak, prefillEfficiency(in, c), bw, tp, row, rowSync)
                    + arch.layerCount() * p.layerOverheadMicros() * 1e-6 + moe;
            prefill = in.promptTokens() / tPrefill;
        }
        return new Rates(decode, prefill);
    }

    /**
     * Parameters each prompt token multiplies with: llama-bench's pp512 asks for the logits of the last token only
     * (llama_batch_get_one leaves the outputs to llama.cpp, which keeps the last), so the output matrix runs for one
     * token in 512 and is left out; a tied model's {@link #activeParams} already holds no output matrix.
     */
    static double prefillParams(SpeedInputs in) {
        ModelArchitecture arch = in.arch();
        double head = arch.tiedEmbeddings() ? 0 : (double) arch.hidden() * arch.vocab();
        return Math.max(0, in.activeParams() - head * (1 - 1.0 / in.promptTokens()));
    }

    /** Decode's share of peak bandwidth: fitted per backend and vendor. */
    static double bandwidthEfficiency(SpeedInputs in, SpeedConstants c) {
        BackendProfile p = BackendProfile.of(in.backend(), in.accelerator().vendor());
        // A host CPU's figures come from its own probe and rates (HostCpu), calibrated apart from llama-bench rows.
        return hostCpu(in) ? p.bandwidthEfficiency() : c.get(bandwidthKeys(in), p.bandwidthEfficiency());
    }

    /**
     * Decode's fixed time per layer per token, microseconds: what a token costs beyond its bytes (kernel launches or
     * command-buffer encoding, synchronisation, the graph's small ops). It sets the floor that small models hit on fast
     * memory, so it is fitted with the bandwidth share (the same rows hold large and small models on one machine).
     */
    static double decodeLayerMicros(SpeedInputs in, SpeedConstants c) {
        BackendProfile p = BackendProfile.of(in.backend(), in.accelerator().vendor());
        return hostCpu(in) ? HostCpuKernels.LAYER_MICROS : c.get(overheadKeys(in), p.layerOverheadMicros());
    }

    /**
     * Lookup chain of decode's per-layer time: per backend, and on CUDA per kernel era. Launch overhead is what changed
     * between eras: CUDA graphs (PR #6766; issue #6763 measured Llama-2-7B Q4_K_M on an H100 PCIe going from 143 to 164
     * tok/s, 0.9 ms a token) replay a token's kernels as one, and later builds fused more of the small ops.
     */
    public static java.util.List<String> overheadKeys(SpeedInputs in) {
        return CHAINS.computeIfAbsent(ChainKey.of("overheadKeys", in), k -> overheadKeysUncached(in));
    }

    private static java.util.List<String> overheadKeysUncached(SpeedInputs in) {
        String b = "layer_us/" + in.backend().key();
        if (in.backend() == Backend.CUDA) {
            return java.util.List.of(b + "/" + in.era().key(), b);
        }
        return java.util.List.of(b);
    }

    /**
     * Lookup chain of the decode bandwidth efficiency. On Metal the share is fitted per Apple GPU family
     * ({@code apple7} = M1, {@code apple8} = M2, {@code apple9} = M3 and M4, from the accelerator's architecture): each
     * family has its own memory controller and GPU cache hierarchy, and the calibration rows of one chip in one build
     * show it. Solving bytes/bandwidth + fixed time on a chip's F16 and Q8_0 rows of #4167 gives the M1 Pro 14c 189
     * GB/s (94%), the M1 Max 32c 334 (84%), the M4 Pro 16c 244 (89%), and the M3 10c's Q8_0 and Q4_0 rows 94 (94%);
     * the M1 family lies lowest, as AnandTech found the M1 Max's 400 GB/s "not for every block"
     * (https://www.anandtech.com/show/17024/apple-m1-max-performance-review/2). An Ultra (two Max dies joined by
     * UltraFusion) takes its family's share: a share of its own for all Ultras, fitted on one M1, two M2 and one M3
     * Ultra, was pulled down by the M1 Ultra and predicted the M2 Ultra's rows 21–28% slow when that chip was left
     * out. Each family key holds rows of several chips, so leaving one chip out still fits it; a family with no rows
     * (M5) falls back to the vendor key.
     */
    public static java.util.List<String> bandwidthKeys(SpeedInputs in) {
        return CHAINS.computeIfAbsent(ChainKey.of("bandwidthKeys", in), k -> bandwidthKeysUncached(in));
    }

    private static java.util.List<String> bandwidthKeysUncached(SpeedInputs in) {
        String b = "bandwidth/" + in.backend().key();
        String family = appleGpuFamily(in);
        if (family != null) {
            return java.util.List.of(b + "/" + vendorKey(in) + "/" + family, b + "/" + vendorKey(in), b);
        }
        return java.util.List.of(b + "/" + vendorKey(in), b);
    }

    /** The Apple GPU family of a Metal device ("Apple9 (M4)" → {@code apple9}), or null. */
    static String appleGpuFamily(SpeedInputs in) {
        String a = in.accelerator().architecture();
        if (in.backend() != Backend.METAL || a == null || !a.startsWith("Apple")) {
            return null;
        }
        return a.split("[ (]")[0].toLowerCase(java.util.Locale.ROOT);
    }

    /** Lookup chain of the prefill efficiency: backend × weight family × (CUDA quants) kernel era. */
    public static java.util.List<String> prefillKeys(SpeedInputs in) {
        return CHAINS.computeIfAbsent(ChainKey.of("prefillKeys", in), k -> prefillKeysUncached(in));
    }

    private static java.util.List<String> prefillKeysUncached(SpeedInputs in) {
        String b = "prefill/" + in.backend().key();
        String f = b + "/" + (in.blockQuant() ? "quant" : "16bit");
        if (in.backend() == Backend.CUDA && in.era() == KernelEra.ROW_SPLIT) {
            // Builds before 2024-01-13 ran CUDA through the old offload path, before the ggml-backend rework of PR
            // #4606; their prompts reach a different share of the same cards, so that era is fitted apart.
            return in.blockQuant() ? java.util.List.of(f + "/fp16-gemm/pre-backend", f + "/fp16-gemm", f, b)
                    : java.util.List.of(f + "/pre-backend", f, b);
        }
        if (in.backend() == Backend.CUDA && in.blockQuant()) {
            return java.util.List.of(f + "/" + (mmq(in) ? "mmq" : "fp16-gemm"), f, b);
        }
        if (in.backend() == Backend.VULKAN) {
            // Vulkan's matrix kernels differ by vendor (cooperative-matrix support), so the share is fitted per vendor.
            return java.util.List.of(f + "/" + vendorKey(in), f, b);
        }
        return java.util.List.of(f, b);
    }

    /** Key of the row split's effective gather rate for prompts, GB/s. */
    public static final String ROW_GATHER_KEY = Prefill.ROW_GATHER_KEY;

    /** Key of the row split's synchronisation cost. */
    public static final String ROW_SYNC_KEY = "row_split_sync_us";

    static double rowSyncMicros(SpeedConstants c) {
        return c.get(java.util.List.of(ROW_SYNC_KEY), ROW_SYNC_PRIOR_MICROS);
    }

    /**
     * What a lookup chain depends on. Chains are asked for on every priced plan (a ranking prices hundreds), and
     * building them concatenates strings and, on Metal, splits the GPU's architecture name with a pattern.
     */
    private record ChainKey(String chain, Backend backend, KernelEra era, GpuVendor vendor,
                            String architecture, boolean blockQuant, boolean int8) {
        static ChainKey of(String chain, SpeedInputs in) {
            dev.runyard.core.hardware.Accelerator a = in.accelerator();
            return new ChainKey(chain, in.backend(), in.era(), a == null ? null : a.vendor(),
                    a == null ? null : a.architecture(), in.blockQuant(), a != null && a.int8Tops() > 0);
        }
    }

    /** Bounded by the backends, eras, vendors and GPU architectures there are: a few hundred chains at most. */
    private static final java.util.Map<ChainKey, java.util.List<String>> CHAINS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static String vendorKey(SpeedInputs in) {
        return in.accelerator().vendor().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this prefill runs llama.cpp's MMQ kernels on INT8 tensor cores (CUDA, block quants, current build). */
    static boolean mmq(SpeedInputs in) {
        return in.backend() == Backend.CUDA && in.blockQuant() && in.era().mmq() && in.accelerator().int8Tops() > 0;
    }

    /** The peak rate prefill is measured against, in T(FL)OPS: INT8 tensor TOPS under MMQ, else dense FP16. */
    static double prefillPeak(SpeedInputs in) {
        return mmq(in) ? in.accelerator().int8Tops() : in.accelerator().fp16Tflops();
    }

    /**
     * Kernel launches a MoE layer adds (router, top-k, weighting, summing the used experts), at the backend's cost per
     * kernel: its per-layer cost over the {@value #KERNELS_PER_DENSE_LAYER} kernels of a dense layer.
     */
    static double moeDispatchSeconds(ModelArchitecture arch, BackendProfile p, KernelEra era) {
        double perKernel = p.layerOverheadMicros() / KERNELS_PER_DENSE_LAYER * 1e-6;
        double t = 0;
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe m) {
                t += (MOE_EXTRA_KERNELS + expertSumKernels(m.used(), p.backend(), era) + (m.sharedFf() > 0 ? 4 : 0))
                        * perKernel;
            }
        }
        return t;
    }

    /**
     * Kernels that sum the used experts' outputs: used − 1 adds, plus the view they start from. A current CUDA or
     * Metal build fuses each run of up to {@value #FUSED_ADDS} chained adds into one kernel; with 8 experts that is 2
     * kernels instead of 8, which on a 48-layer Qwen3-30B-A3B was 3.6 ms of a 13 ms token on Metal (the held-out
     * M2 Ultra row). Builds before the fusion (and other backends) launch every add.
     */
    static int expertSumKernels(int used, Backend backend, KernelEra era) {
        boolean fuses = era == KernelEra.CURRENT && (backend == Backend.CUDA || backend == Backend.METAL);
        return fuses ? 1 + (int) Math.ceil((used - 1) / (double) FUSED_ADDS) : used;
    }

    /**
     * Share of a host CPU's prompt-processing rate that decode's matrix-vector products can reach at most: 0.35,
     * assumed. It binds only where a few cores sit beside fast RAM; none of the 24 llama-bench rows reaches it (on the
     * 2-core VM Q4_0 decode ran at about 0.29 of the prompt rate, bandwidth-bound, Q8_0 at 0.17).
     */
    public static final double CPU_DECODE_SHARE = 0.35;

    /** Decode's per-layer time on a host CPU, microseconds: every plan of a machine without GPUs pays it. */
    public static double hostLayerMicros() {
        return HostCpuKernels.LAYER_MICROS;
    }

    /** Seconds a token spends unpacking the weights it reads ({@code activeBytes} of them) on the host CPU. */
    private static double hostDequantSeconds(SpeedInputs in, double activeBytes) {
        WeightsEstimate w = in.weights();
        return HostCpuKernels.decodeWorkSeconds(w, w.bytes() > 0 ? activeBytes / w.bytes() : 0,
                in.accelerator().fp16Tflops() * 1e12);
    }

    static boolean hostCpu(SpeedInputs in) {
        return "cpu".equals(in.accelerator().kind()) && in.backend() == Backend.CPU;
    }

    /**
     * A host CPU's rate is already effective (measured with llama.cpp on Q4_0): only the weight types' share applies
     * ({@link HostCpuKernels#prefillShare}); a device's peak gets the fitted share.
     */
    static double prefillEfficiency(SpeedInputs in, SpeedConstants c) {
        if (hostCpu(in)) {
            return HostCpuKernels.prefillShare(in.weights());
        }
        BackendProfile p = BackendProfile.of(in.backend(), in.accelerator().vendor());
        return c.get(prefillKeys(in), in.blockQuant() ? p.prefillEfficiencyQ() : p.prefillEfficiency16());
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
