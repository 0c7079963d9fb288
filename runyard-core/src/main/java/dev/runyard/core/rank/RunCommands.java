package dev.runyard.core.rank;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.quant.GpuFormat;
import dev.runyard.core.quant.Quant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The exact command that runs a ranked variant, built from the same numbers as the estimate. Where the catalog says an
 * engine cannot run the model, says so instead of printing a command that fails.
 */
public final class RunCommands {
    private RunCommands() {
    }

    /** Settings the command needs beyond model, quant and context. */
    public record Settings(int gpus, int tensorParallel, double gpuMemoryUtilization, boolean fp8KvCache,
                           PlacementPlan plan) {
    }

    public static String command(CatalogModel m, Quant quant, Engine engine, long ctx, Settings s) {
        Boolean supported = m.engines().get(engine.key());
        if (Boolean.FALSE.equals(supported)) {
            return "# " + engine.key() + " cannot run " + m.id() + " (catalog: not supported)";
        }
        return switch (engine) {
            case VLLM -> vllm(m, quant, ctx, s);
            case SGLANG -> sglang(m, quant, ctx, s);
            case LLAMA_CPP -> llamaCpp(m, quant, ctx, s);
            case OLLAMA -> ollama(m, quant, ctx, s);
            case MLX -> mlx(m, quant, ctx);
        };
    }

    static String repoFor(CatalogModel m, Quant q, Engine engine) {
        if (!engine.usesGguf() && q instanceof Quant.Gguf g && !g.fileType().base().isQuantized()) {
            return m.id(); // "bf16" for vLLM/SGLang/MLX is the publisher's own checkpoint
        }
        if (q instanceof Quant.Gpu g) {
            if (g.format().isSixteenBit()) {
                return m.id(); // the publisher's own checkpoint
            }
            String key = switch (g.format()) {
                case AWQ -> "awq";
                case GPTQ -> "gptq";
                case FP8 -> "fp8";
                case NVFP4 -> "nvfp4";
                default -> g.format().isMlx() ? "mlx" : "safetensors";
            };
            return m.repos().getOrDefault(key, m.id());
        }
        return m.repos().getOrDefault("gguf", m.id() + "-GGUF");
    }

    private static String vllm(CatalogModel m, Quant q, long ctx, Settings s) {
        StringBuilder sb = new StringBuilder("vllm serve ").append(repoFor(m, q, Engine.VLLM));
        sb.append(" --tensor-parallel-size ").append(s.tensorParallel());
        sb.append(" --max-model-len ").append(ctx);
        if (q instanceof Quant.Gpu g && g.format() == GpuFormat.FP8 && !m.repos().containsKey("fp8")
                && !archIsFp8(m)) {
            sb.append(" --quantization fp8"); // online FP8 of a BF16 checkpoint
        }
        if (s.fp8KvCache()) {
            sb.append(" --kv-cache-dtype fp8");
        }
        sb.append(String.format(Locale.ROOT, " --gpu-memory-utilization %.2f", s.gpuMemoryUtilization()));
        return sb.toString();
    }

    private static boolean archIsFp8(CatalogModel m) {
        return m.arch() != null && m.arch().checkpointQuant().startsWith("fp8");
    }

    private static String sglang(CatalogModel m, Quant q, long ctx, Settings s) {
        return String.format(Locale.ROOT, "python -m sglang.launch_server --model-path %s --tp %d --context-length %d"
                + " --mem-fraction-static %.2f", repoFor(m, q, Engine.SGLANG), s.tensorParallel(), ctx, s.gpuMemoryUtilization());
    }

    private static String llamaCpp(CatalogModel m, Quant q, long ctx, Settings s) {
        StringBuilder sb = new StringBuilder("llama-server -hf ").append(repoFor(m, q, Engine.LLAMA_CPP)).append(':')
                .append(q.name());
        sb.append(" -c ").append(ctx);
        PlacementPlan p = s.plan();
        if (p != null && s.gpus() > 0) {
            sb.append(" -ngl ").append(p.gpuLayers() >= (m.arch() == null ? 0 : m.arch().layerCount()) ? 999 : p.gpuLayers());
            if (!p.tensorSplit().isEmpty()) {
                sb.append(" -ts ").append(p.tensorSplit().stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(Collectors.joining(",")));
            }
            if (p.cpuMoeLayers() > 0) {
                sb.append(" --n-cpu-moe ").append(p.cpuMoeLayers());
            }
            sb.append(" -fa on");
        } else {
            sb.append(" -ngl 0");
        }
        if (s.fp8KvCache()) {
            sb.append(" -ctk q8_0 -ctv q8_0");
        }
        return sb.toString();
    }

    private static String ollama(CatalogModel m, Quant q, long ctx, Settings s) {
        return "OLLAMA_CONTEXT_LENGTH=" + ctx + " OLLAMA_FLASH_ATTENTION=1 ollama run hf.co/" + repoFor(m, q, Engine.OLLAMA) + ":"
                + q.name();
    }

    private static String mlx(CatalogModel m, Quant q, long ctx) {
        return "mlx_lm.server --model " + repoFor(m, q, Engine.MLX) + " --max-tokens " + Math.min(ctx, 8192);
    }
}
