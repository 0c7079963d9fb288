package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    public static long runtimeReserve(String backend) {
        return switch (backend.toLowerCase(Locale.ROOT)) {
            case "cuda" -> 384L << 20;
            case "rocm", "hip" -> 512L << 20;
            case "vulkan", "sycl" -> 256L << 20;
            default -> 0; // metal (unified memory, counted in the OS) and cpu
        };
    }

    private LlamaCppEstimator() {
    }

    static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exact) {
        if (!(req.quant() instanceof Quant.Gguf g)) {
            throw RunyardException.badInput(req.quant().name() + " is not a GGUF quantization, which "
                    + req.engine() + " needs", "use e.g. Q4_K_M, Q8_0, IQ4_XS, BF16, or --engine vllm");
        }
        List<String> warnings = MemoryEstimator.baseWarnings(arch);
        boolean ollama = req.engine() == Engine.OLLAMA;
        int nSeq = req.parallel();
        long nCtx = ollama ? req.ctx() * nSeq : req.ctx();
        boolean fa = req.flashAttn() == null ? !req.backend().equalsIgnoreCase("cpu") : req.flashAttn();
        if (!fa && (req.kvTypeV() != KvType.F16 && req.kvTypeV() != KvType.F32 && req.kvTypeV() != KvType.BF16)) {
            throw RunyardException.badInput("a quantized V cache needs flash attention in llama.cpp",
                    "add --flash-attn on, or use --kv-type-v f16");
        }
        WeightsEstimate w = exact != null ? exact : WeightsEstimator.gguf(arch, g,
                req.imatrix() != null ? req.imatrix() : WeightsEstimator.usualImatrix(g));
        KvCacheEstimate kv = LlamaCppKvCache.estimate(arch, nCtx, nSeq, Math.min(req.ubatch(), req.batch()),
                req.kvTypeK(), req.kvTypeV(), req.swaFull());
        LlamaCppCompute.ComputeEstimate compute = LlamaCppCompute.estimate(arch, kv.cells(),
                Math.min(req.ubatch(), req.batch()), fa, nSeq);
        long outputBuffer = (long) arch.vocab() * 4 * nSeq;
        // Ollama keeps its own minimum free per GPU (cudaMinimumMemory = rocmMinimumMemory = 457 MiB,
        // ollama discover/gpu.go) in place of the runtime reserve.
        long reserve = ollama && !req.backend().equalsIgnoreCase("cpu") && !req.backend().equalsIgnoreCase("metal")
                ? 457L << 20 : runtimeReserve(req.backend());
        long overhead = outputBuffer + reserve * req.gpus();
        // llama.cpp keeps the input embedding in host memory; a tied head is duplicated onto the last GPU.
        long tiedCopy = arch.tiedEmbeddings() ? w.embeddingBytes() : 0;
        // The multimodal projector file (mmproj) is usually F16; Ollama loads it, llama.cpp with --mmproj.
        long mmproj = req.loadsVision() ? arch.visionParams() * 2 : 0;
        long weights = w.bytes();
        long gpuWeights = weights - w.embeddingBytes() + tiedCopy + mmproj;
        List<DeviceUsage> devices = devices(req, gpuWeights, w, kv, compute.bytes(), reserve, outputBuffer);
        long computeTotal = devices.stream().mapToLong(DeviceUsage::computeBytes).sum();
        List<Part> parts = new ArrayList<>();
        Map<String, Object> win = new LinkedHashMap<>();
        win.put("quant", g.name());
        win.put("tensors", w.tensorCount());
        win.put("bytes_by_type", w.bytesByType());
        win.put("embedding_bytes_in_host_memory", w.embeddingBytes());
        parts.add(new Part("weights", weights, w.method(), win));
        if (mmproj > 0) {
            parts.add(new Part("weights.mmproj", mmproj, "vision tower + projector: vision_params x 2 bytes (F16 mmproj)",
                    Map.of("vision_params", arch.visionParams())));
        }
        if (tiedCopy > 0) {
            parts.add(new Part("weights.tied_output_copy", tiedCopy,
                    "tied embeddings: llama.cpp duplicates token_embd as the output layer on the GPU",
                    Map.of("bytes", tiedCopy)));
        }
        parts.addAll(kv.parts());
        if (computeTotal == compute.bytes()) {
            parts.add(compute.part());
        } else {
            Map<String, Object> cin = new LinkedHashMap<>(compute.part().inputs());
            cin.put("per_device_bytes", compute.bytes());
            cin.put("devices", req.gpus());
            parts.add(new Part("compute_buffer", computeTotal, "per device: " + compute.part().formula()
                    + "; one buffer on each GPU", cin));
        }
        parts.add(new Part("overhead.output_buffer", outputBuffer, "n_vocab x 4 bytes x n_seq (host logits buffer)",
                Map.of("n_vocab", arch.vocab(), "n_seq", nSeq)));
        if (reserve > 0) {
            parts.add(new Part("overhead.runtime_reserve", reserve * req.gpus(),
                    ollama ? "Ollama's minimum free memory per GPU (457 MiB, discover/gpu.go)"
                            : "per-GPU " + req.backend() + " context and library workspace (assumed, not printed by llama.cpp)",
                    Map.of("per_gpu_bytes", reserve, "gpus", req.gpus())));
        }
        if (ollama) {
            warnings.add("Ollama: num_ctx " + req.ctx() + " x " + nSeq + " parallel = " + nCtx + " cache cells");
        }
        return new MemoryEstimate(req.engine().key(), g.name(), req.ctx(), ParameterCounts.total(arch),
                ParameterCounts.active(arch), weights + tiedCopy + mmproj, kv.bytes(), computeTotal, overhead, devices, parts,
                warnings, null, null, null, w.bitsPerWeight(ParameterCounts.total(arch)));
    }

    /** Layers split over identical GPUs in proportion (llama.cpp's default tensor split); host keeps the embedding. */
    private static List<DeviceUsage> devices(EstimateRequest req, long gpuWeights, WeightsEstimate w,
                                             KvCacheEstimate kv, long compute, long reserve, long outputBuffer) {
        List<DeviceUsage> out = new ArrayList<>();
        boolean cpu = req.backend().equalsIgnoreCase("cpu");
        if (cpu) {
            out.add(new DeviceUsage("CPU", w.bytes(), kv.bytes(), compute, outputBuffer));
            return out;
        }
        int n = req.gpus();
        long[] lb = w.layerBytes();
        long[] kb = kv.layerBytes();
        long layerTotal = 0;
        for (long b : lb) {
            layerTotal += b;
        }
        long nonLayer = gpuWeights - layerTotal; // output head (+ tied copy) sits with the last layers
        int layer = 0;
        for (int d = 0; d < n; d++) {
            long wsum = 0;
            long ksum = 0;
            long target = (layerTotal * (d + 1)) / n;
            long acc = 0;
            for (int i = 0; i < layer; i++) {
                acc += lb[i];
            }
            while (layer < lb.length && (d == n - 1 || acc + lb[layer] / 2 <= target)) {
                wsum += lb[layer];
                acc += lb[layer];
                ksum += layer < kb.length ? kb[layer] : 0;
                layer++;
            }
            if (d == n - 1) {
                wsum += nonLayer;
            }
            out.add(new DeviceUsage("GPU" + d, wsum, ksum, compute, reserve));
        }
        out.add(new DeviceUsage("host", w.embeddingBytes(), 0, 0, outputBuffer));
        return out;
    }
}
