package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.List;

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
        boolean fa = req.flashAttn() == null ? !cpu : req.flashAttn();
        if (!fa && (req.kvTypeV() != KvType.F16 && req.kvTypeV() != KvType.F32 && req.kvTypeV() != KvType.BF16)) {
            throw RunyardException.badInput("a quantized V cache needs flash attention in llama.cpp",
                    "add --flash-attn on, or use --kv-type-v f16");
        }
        WeightsEstimate w = exact != null ? exact : WeightsEstimator.gguf(arch, g,
                req.imatrix() != null ? req.imatrix() : WeightsEstimator.usualImatrix(g));
        int ub = Math.min(req.ubatch(), req.batch());
        KvCacheEstimate kv = LlamaCppKvCache.estimate(arch, nCtx, nSeq, ub, req.kvTypeK(), req.kvTypeV(), req.swaFull());
        LlamaCppCompute.ComputeEstimate compute = LlamaCppCompute.estimate(arch, kv.cells(), ub, fa, nSeq);
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
