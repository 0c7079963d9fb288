package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.List;
import java.util.Map;

/**
 * Memory of a llama.cpp (or Ollama) run: GGUF weights, KV cache, compute buffer, and the runtime's own reserve.
 * Ollama is llama.cpp with its defaults: the context is num_ctx per parallel request, so the cache holds
 * num_ctx × parallel cells.
 */
public final class LlamaCppEstimator {
    /**
     * Memory a backend's runtime takes on each GPU before any buffer (CUDA context and cuBLAS workspace, ROCm/HIP
     * context, Vulkan instance). Not printed by llama.cpp; typical figures read from nvidia-smi/rocm-smi.
     */
    public static long runtimeReserve(Backend backend) {
        return switch (backend) {
            case CUDA -> 384L << 20;
            case ROCM -> 512L << 20;
            case VULKAN, SYCL -> 256L << 20;
            case METAL, CPU -> 0; // metal: unified memory, counted in the OS
        };
    }

    private LlamaCppEstimator() {
    }

    static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exact) {
        LlamaCppSizing s = size(arch, req, exact);
        // Without a machine: all layers on req.gpus() identical GPUs (llama.cpp's default even split), or the CPU.
        boolean cpu = req.backend() == Backend.CPU;
        double[] shares = new double[cpu ? 0 : req.gpus()];
        java.util.Arrays.fill(shares, 1.0);
        return LlamaCppLayout.estimate(s, cpu ? LlamaCppLayout.Assignment.cpuOnly(arch.layerCount())
                : LlamaCppLayout.Assignment.split(arch.layerCount(), shares, arch.layerCount() + 1, null));
    }

    /**
     * The CPU backend's compute buffer holds one more f32 row of n_embd × n_ubatch than a GPU's (and another with a
     * quantized K cache under flash attention, for the converted Q): measured on real llama.cpp loads, e.g.
     * Llama-3.2-1B 258.5 MiB against 254.5 without the row, 262.5 with a q8_0 cache (bench/llamacpp).
     */
    static LlamaCppCompute.ComputeEstimate cpuRows(ModelArchitecture arch, LlamaCppCompute.ComputeEstimate c, int ub,
                                                   boolean quantizedK) {
        int rows = quantizedK ? 2 : 1;
        long extra = (long) arch.hidden() * ub * 4 * rows;
        Map<String, Object> in = new java.util.LinkedHashMap<>(c.part().inputs());
        in.put("cpu_extra_rows", rows);
        in.put("cpu_extra_bytes", extra);
        Part p = new Part(c.part().name(), c.bytes() + extra, c.part().formula() + "; CPU backend: + " + rows
                + " x n_embd x n_ubatch x 4 bytes", in);
        return new LlamaCppCompute.ComputeEstimate(c.bytes() + extra, c.phase(), p);
    }

    /** The parts of a run before they are placed on devices. */
    public static LlamaCppSizing size(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exact) {
        if (!(req.quant() instanceof Quant.Gguf g)) {
            throw RunyardException.badInput(req.quant().name() + " is not a GGUF quantization, which "
                    + req.engine() + " needs", "use e.g. Q4_K_M, Q8_0, IQ4_XS, BF16, or --engine vllm");
        }
        List<String> warnings = MemoryEstimator.baseWarnings(arch);
        boolean ollama = req.engine() == Engine.OLLAMA;
        int nSeq = req.parallel();
        long nCtx = ollama ? req.ctx() * nSeq : req.ctx();
        boolean cpu = req.backend() == Backend.CPU;
        // llama.cpp's default is -fa auto, which turns flash attention on wherever the backend has it: the CPU too.
        boolean fa = req.flashAttn() == null || req.flashAttn();
        if (!fa && (req.kvTypeV() != KvType.F16 && req.kvTypeV() != KvType.F32 && req.kvTypeV() != KvType.BF16)) {
            throw RunyardException.badInput("a quantized V cache needs flash attention in llama.cpp",
                    "add --flash-attn on, or use --kv-type-v f16");
        }
        WeightsEstimate w = exact != null ? exact : WeightsEstimator.gguf(arch, g,
                req.imatrix() != null ? req.imatrix() : WeightsEstimator.usualImatrix(g));
        int ub = Math.min(req.ubatch(), req.batch());
        KvCacheEstimate kv = LlamaCppKvCache.estimate(arch, nCtx, nSeq, ub, req.kvTypeK(), req.kvTypeV(), req.swaFull(),
                !fa);
        LlamaCppCompute.ComputeEstimate compute = LlamaCppCompute.estimate(arch, kv.cells(), ub, fa, nSeq);
        if (cpu) {
            compute = cpuRows(arch, compute, ub, fa && req.kvTypeK() != KvType.F16 && req.kvTypeK() != KvType.F32);
        }
        long outputBuffer = (long) arch.vocab() * 4 * nSeq;
        // Ollama keeps its own minimum free per GPU (cudaMinimumMemory = rocmMinimumMemory = 457 MiB,
        // ollama discover/gpu.go) in place of the runtime reserve.
        long reserve = ollama && !cpu && req.backend() != Backend.METAL ? 457L << 20
                : runtimeReserve(req.backend());
        // The multimodal projector file (mmproj) is usually F16; Ollama loads it, llama.cpp with --mmproj.
        long mmproj = req.loadsVision() ? arch.visionParams() * 2 : 0;
        if (ollama) {
            warnings.add("Ollama: num_ctx " + req.ctx() + " x " + nSeq + " parallel = " + nCtx + " cache cells");
        }
        return new LlamaCppSizing(req, w, kv, compute, reserve, outputBuffer, arch.tiedEmbeddings(), mmproj,
                ParameterCounts.total(arch), ParameterCounts.active(arch), warnings);
    }
}
