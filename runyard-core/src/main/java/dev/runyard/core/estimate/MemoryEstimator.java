package dev.runyard.core.estimate;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;

/** Entry point: a model and a request in, a {@link MemoryEstimate} with its breakdown out. Pure function. */
public final class MemoryEstimator {
    private MemoryEstimator() {
    }

    public static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req) {
        return estimate(arch, req, null);
    }

    /** @param exactWeights weights read from a real file (e.g. a GGUF header), or null to predict them */
    public static MemoryEstimate estimate(ModelArchitecture arch, EstimateRequest req, WeightsEstimate exactWeights) {
        return switch (req.engine()) {
            case LLAMA_CPP, OLLAMA -> LlamaCppEstimator.estimate(arch, req, exactWeights);
            case VLLM, SGLANG -> VllmEstimator.estimate(arch, req, exactWeights);
            case MLX -> MlxEstimator.estimate(arch, req, exactWeights);
        };
    }

    /** The GPU format a request's quant means for vLLM/SGLang/MLX; GGUF 16-bit names map to BF16/F16. */
    static Quant.Gpu gpuQuant(EstimateRequest req) {
        if (req.quant() instanceof Quant.Gpu g) {
            return g;
        }
        Quant.Gguf g = (Quant.Gguf) req.quant();
        return switch (g.fileType()) {
            case MOSTLY_BF16, ALL_F32 -> new Quant.Gpu("bf16", GpuFormat.BF16, 16);
            case MOSTLY_F16 -> new Quant.Gpu("f16", GpuFormat.F16, 16);
            default -> throw RunyardException.badInput(g.name() + " is a GGUF quantization; " + req.engine()
                    + " serves safetensors checkpoints", "use --engine llama.cpp, or --quant bf16|fp8|awq|gptq|nvfp4");
        };
    }

    static List<String> baseWarnings(ModelArchitecture arch) {
        return new ArrayList<>(arch.warnings());
    }
}
