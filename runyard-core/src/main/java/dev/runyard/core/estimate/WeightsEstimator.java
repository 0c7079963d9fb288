package dev.runyard.core.estimate;

import dev.runyard.core.model.InventoryBuilder;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.model.Tensor;
import dev.runyard.core.model.TensorInventory;
import dev.runyard.core.quant.GgmlType;
import dev.runyard.core.quant.GgufTensorNames;
import dev.runyard.core.quant.GgufTypeChooser;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Weight bytes of a model in a quantization: for GGUF, every tensor's type as stock llama-quantize chooses it
 * times the exact GGML block size; for GPU formats, the format's bits on quantized linear layers and the
 * checkpoint's 16 bits on everything the method leaves alone (embeddings, head, norms, routers).
 */
public final class WeightsEstimator {
    private WeightsEstimator() {
    }

    /** Whether a file type is usually published with an importance matrix: I-quants are, K- and legacy quants not. */
    public static boolean usualImatrix(Quant.Gguf quant) {
        return quant.fileType().name().startsWith("IQ");
    }

    public static WeightsEstimate gguf(ModelArchitecture arch, Quant.Gguf quant, boolean imatrix) {
        GgufTensorNames names = NAMES.get(arch, Boolean.TRUE, () -> GgufTensorNames.of(InventoryBuilder.gguf(arch).tensors()));
        int kvHeads = 1;
        int heads = 1;
        for (dev.runyard.core.model.Layer l : arch.layers()) {
            if (l.attention() instanceof dev.runyard.core.model.Attention.Standard a) {
                kvHeads = a.kvHeads();
                heads = a.heads();
                break;
            }
        }
        int nLayerAll = arch.layerCount() + (arch.nextnInGguf() ? arch.nextnLayers() : 0);
        boolean is70B = (arch.ggufArch().equals("llama") && arch.layerCount() == 80 && heads > kvHeads)
                || (arch.ggufArch().equals("qwen2") && arch.layerCount() == 80);
        GgufTypeChooser.ModelFacts facts = new GgufTypeChooser.ModelFacts(arch.ggufArch(), nLayerAll,
                heads / kvHeads, arch.expertCount(), is70B, arch.tiedEmbeddings());
        GgmlType[] types = GgufTypeChooser.choose(names, quant.fileType(),
                facts, new GgufTypeChooser.Options(imatrix, quant.embeddingType(), quant.outputType()));
        long[] byType = new long[GgmlType.values().length];
        long total = 0;
        long embd = 0;
        long output = 0;
        long experts = 0;
        long[] perLayer = new long[nLayerAll];
        // gpt-oss ships its experts as MXFP4: the converter writes them as MXFP4 even in 16-bit files, and published
        // K-quant files keep them (unsloth's gpt-oss-20b Q2_K 11.5 GB, Q4_K_M 11.6 GB, Q8_0 12.1 GB, F16 13.8 GB).
        boolean mxfp4Experts = arch.checkpointQuant().equals("mxfp4");
        long hostInput = 0;
        String hostInputType = "";
        for (int i = 0; i < names.size(); i++) {
            GgmlType type = mxfp4Experts && names.expertWeight(i) ? GgmlType.MXFP4 : types[i];
            long bytes = type.bytes(names.elements(i), names.ne0(i));
            total += bytes;
            byType[type.ordinal()] += bytes;
            if (names.expertStack(i)) {
                experts += bytes;
            }
            int layer = names.layer(i);
            if (names.tokenEmbedding(i)) {
                embd = bytes;
            } else if (names.perLayerEmbedding(i)) {
                hostInput += bytes;
                hostInputType = type.name();
            } else if (layer < 0) {
                output += bytes;
            } else if (layer < perLayer.length) {
                perLayer[layer] += bytes;
            }
        }
        Map<String, Long> byName = new TreeMap<>();
        for (GgmlType t : GgmlType.values()) {
            if (byType[t.ordinal()] != 0) {
                byName.put(t.name(), byType[t.ordinal()]);
            }
        }
        return new WeightsEstimate(total, byName, names.size(), embd, output, perLayer, experts,
                "stock llama-quantize type per tensor (" + quant.fileType().displayName()
                        + (imatrix ? ", with imatrix" : "") + ") x GGML block sizes", hostInput, hostInputType);
    }

    /** The names of a GGUF inventory, read once per architecture (every quant asks; see {@link GgufTensorNames}). */
    private static final dev.runyard.core.model.ArchMemo<GgufTensorNames> NAMES = new dev.runyard.core.model.ArchMemo<>();

    /**
     * Bytes of a GPU-format checkpoint (safetensors), as loaded by vLLM/SGLang/MLX on one device before sharding;
     * MTP blocks only when {@code mtp}.
     */
    public static WeightsEstimate gpu(ModelArchitecture arch, GpuFormat format, double bitsPerWeight, boolean mtp) {
        return GPU.get(arch, java.util.List.of(format, bitsPerWeight, mtp), () -> gpuUncached(arch, format, bitsPerWeight, mtp));
    }

    /** Serving plans ask for the same checkpoint's bytes at every TP degree and context: a pure function, memoized. */
    private static final dev.runyard.core.model.ArchMemo<WeightsEstimate> GPU = new dev.runyard.core.model.ArchMemo<>();

    private static WeightsEstimate gpuUncached(ModelArchitecture arch, GpuFormat format, double bitsPerWeight,
                                               boolean mtp) {
        TensorInventory inv = mtp ? InventoryBuilder.checkpoint(arch) : InventoryBuilder.published(arch);
        Map<String, Long> byType = new TreeMap<>();
        long total = 0;
        long embd = 0;
        long output = 0;
        long experts = 0;
        long[] perLayer = new long[arch.layerCount() + arch.nextnLayers()];
        boolean fp4Experts = arch.checkpointQuant().endsWith("+fp4_experts");
        long hostInput = 0;
        String hostInputType = "";
        for (Tensor t : inv.tensors()) {
            long bytes = gpuTensorBytes(t, format, bitsPerWeight, fp4Experts);
            total += bytes;
            String label = isQuantizedLinear(t, format) ? format.key() : "bf16";
            byType.merge(label, bytes, Long::sum);
            if (t.isExpertStack()) {
                experts += bytes;
            }
            if (t.name().equals("token_embd.weight")) {
                embd = bytes;
            } else if (t.name().equals(WeightsEstimate.PER_LAYER_EMBEDDING)) {
                hostInput += bytes;
                hostInputType = label;
            } else if (t.layer() < 0) {
                output += bytes;
            } else if (t.layer() < perLayer.length) {
                perLayer[t.layer()] += bytes;
            }
        }
        return new WeightsEstimate(total, byType, inv.size(), embd, output, perLayer, experts,
                format.key() + " at " + bitsPerWeight + " bits on quantized linears, 16 bits elsewhere", hostInput,
                hostInputType);
    }

    /** @param fp4Experts the checkpoint keeps routed experts in FP4 (4.25 bits with scales) under an FP8 format */
    static long gpuTensorBytes(Tensor t, GpuFormat format, double bits, boolean fp4Experts) {
        if (fp4Experts && format == GpuFormat.FP8 && t.isExpertStack() && t.name().endsWith("weight")) {
            return (long) Math.ceil(t.elements() * GpuFormat.MXFP4.bitsPerWeight() / 8.0);
        }
        if (isQuantizedLinear(t, format)) {
            return (long) Math.ceil(t.elements() * bits / 8.0);
        }
        if (format == GpuFormat.EXL2 && t.name().equals("output.weight")) {
            return (long) Math.ceil(t.elements() * 6.0 / 8.0); // exllamav2 default head_bits = 6
        }
        return t.elements() * 2;
    }

    /** Whether a format stores this tensor quantized (linear weights; embeddings/head only for MLX). */
    static boolean isQuantizedLinear(Tensor t, GpuFormat format) {
        if (format.isSixteenBit()) {
            return false;
        }
        String n = t.name();
        if (n.equals("token_embd.weight") || n.endsWith("nextn.embed_tokens.weight")
                || n.equals(WeightsEstimate.PER_LAYER_EMBEDDING)) {
            return format.quantizesEmbedding();
        }
        if (n.equals("output.weight") || n.endsWith("shared_head_head.weight")) {
            return format.quantizesHead();
        }
        if (format == GpuFormat.MXFP4) {
            return t.isExpertStack() && n.endsWith("weight");
        }
        return GgufTypeChooser.quantizable(t) && t.ne0() >= 64;
    }
}
