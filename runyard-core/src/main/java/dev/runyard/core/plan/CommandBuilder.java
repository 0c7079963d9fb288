package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds the command of a plan from the plan's own numbers: the artifact it sized, the context it sized, the
 * placement it checked. Where the catalog says an engine cannot run the model, or no artifact is known, the command
 * is a comment that says so instead of a command that fails.
 */
final class CommandBuilder {
    private CommandBuilder() {
    }

    /** @param threads the CPU threads the user gave ({@code --threads}), or null for llama.cpp's own default */
    static LaunchCommand build(CatalogModel m, Artifact a, EstimateRequest req, PlacementPlan p, int layers,
                               LlamaCppOptions options, Integer threads) {
        Engine engine = req.engine();
        if (Boolean.FALSE.equals(m.engines().get(engine.key()))) {
            return LaunchCommand.refusal(engine.key() + " cannot run " + m.id() + " (catalog: not supported)");
        }
        if (!a.known()) {
            return LaunchCommand.refusal("no " + a.format() + " weights to load: " + a.source());
        }
        List<String> why = new ArrayList<>();
        String text = switch (engine) {
            case VLLM -> vllm(a, req, p, why);
            case SGLANG -> sglang(a, req, p, why);
            case LLAMA_CPP -> llamaCpp(a, req, p, layers, options, threads, why);
            case OLLAMA -> ollama(a, req, why);
            case MLX -> mlx(a, why);
        };
        return new LaunchCommand(text, true, why);
    }

    private static String vllm(Artifact a, EstimateRequest req, PlacementPlan p, List<String> why) {
        StringBuilder sb = new StringBuilder("vllm serve ").append(a.repo());
        sb.append(" --tensor-parallel-size ").append(p.tensorParallel());
        why.add("--tensor-parallel-size " + p.tensorParallel() + ": the smallest group whose KV pool holds the context");
        sb.append(" --max-model-len ").append(req.ctx());
        if (a.onlineQuantization() != null) {
            sb.append(" --quantization ").append(a.onlineQuantization());
            why.add("--quantization " + a.onlineQuantization() + ": the 16-bit checkpoint is quantized while loading");
        }
        if (req.kvTypeK() == KvType.FP8) {
            sb.append(" --kv-cache-dtype fp8");
        }
        if (req.mtp()) {
            // The plan loads the checkpoint's MTP blocks: vLLM speculates with them (docs.vllm.ai, features/MTP).
            sb.append(" --speculative-config '{\"method\":\"mtp\",\"num_speculative_tokens\":1}'");
            why.add("--speculative-config mtp: the plan loads the MTP blocks, which vLLM uses to speculate one token");
        }
        sb.append(String.format(Locale.ROOT, " --gpu-memory-utilization %.2f", req.gpuMemoryUtilization()));
        return sb.toString();
    }

    private static String sglang(Artifact a, EstimateRequest req, PlacementPlan p, List<String> why) {
        // --tp-size, not --tp: --tp only works as an argparse abbreviation of --tp-size.
        why.add("--tp-size " + p.tensorParallel() + ": the smallest group whose KV pool holds the context");
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "python -m sglang.launch_server --model-path %s --tp-size %d --context-length %d", a.repo(),
                p.tensorParallel(), req.ctx()));
        if (a.onlineQuantization() != null) {
            sb.append(" --quantization ").append(a.onlineQuantization());
        }
        if (req.kvTypeK() == KvType.FP8) {
            sb.append(" --kv-cache-dtype fp8_e4m3"); // SGLang's choices name the FP8 variant; a bare fp8 is refused
        }
        if (req.gpuMemoryUtilization() != 0.9) {
            sb.append(String.format(Locale.ROOT, " --mem-fraction-static %.2f", req.gpuMemoryUtilization()));
        }
        return sb.toString();
    }

    private static String llamaCpp(Artifact a, EstimateRequest req, PlacementPlan p, int layers, LlamaCppOptions o,
                                   Integer threads, List<String> why) {
        StringBuilder sb = new StringBuilder("llama-server ");
        sb.append(a.file() != null ? "-m " + a.file() : "-hf " + a.repo() + ":" + tag(a, req));
        sb.append(" -c ").append(req.ctx());
        boolean gpu = p != null && p.fit() != FitLevel.CPU_ONLY && p.devices().stream()
                .anyMatch(d -> d.name().startsWith("GPU"));
        if (gpu) {
            boolean all = p.gpuLayers() > layers;
            sb.append(" -ngl ").append(all ? 999 : p.gpuLayers());
            why.add(all ? "-ngl 999: every layer and the output fit on the GPUs"
                    : "-ngl " + p.gpuLayers() + ": the most layers that fit the GPUs; the rest run from RAM");
            if (!p.tensorSplit().isEmpty()) {
                sb.append(" -ts ").append(p.tensorSplit().stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
                        .collect(Collectors.joining(",")));
                why.add("-ts: layers split in proportion to each GPU's usable memory");
            }
            if (o != null && o.expertsOnCpu()) {
                sb.append(" -ot exps=CPU");
                why.add("-ot exps=CPU: every layer's routed experts stay in RAM, as asked");
            } else if (p.cpuMoeLayers() > 0) {
                sb.append(" --n-cpu-moe ").append(p.cpuMoeLayers());
                why.add("--n-cpu-moe " + p.cpuMoeLayers() + ": routed experts of the first layers stay in RAM");
            }
            if (o != null && o.noKvOffload()) {
                sb.append(" -nkvo");
                why.add("-nkvo: the KV cache stays in RAM, as asked");
            }
            if (req.flashAttn() == null || req.flashAttn()) {
                sb.append(" -fa on");
            }
        } else {
            sb.append(" -ngl 0");
            why.add("-ngl 0: no GPU, everything in system RAM");
        }
        if (req.kvTypeK() != KvType.F16) {
            sb.append(" -ctk ").append(req.kvTypeK().name().toLowerCase(Locale.ROOT));
        }
        if (req.kvTypeV() != KvType.F16) {
            sb.append(" -ctv ").append(req.kvTypeV().name().toLowerCase(Locale.ROOT));
        }
        if (req.parallel() > 1) {
            sb.append(" -np ").append(req.parallel());
        }
        if (threads != null) {
            sb.append(" -t ").append(threads);
            why.add("-t " + threads + ": CPU threads as asked; the CPU's share of the speed assumes them");
        }
        if (o != null && o.noMmap()) {
            // Current llama.cpp chooses mmap with --load-mode; "none" reads the weights into allocated memory.
            sb.append(" -lm none");
            why.add("-lm none: llama.cpp's --no-mmap (weights read into memory, not mapped)");
        }
        return sb.toString();
    }

    private static String ollama(Artifact a, EstimateRequest req, List<String> why) {
        // The server reads OLLAMA_* settings, not the client: they go on `ollama serve`.
        why.add("OLLAMA_CONTEXT_LENGTH and OLLAMA_FLASH_ATTENTION are read by the server, so they go on ollama serve");
        String env = "OLLAMA_CONTEXT_LENGTH=" + req.ctx() + " OLLAMA_FLASH_ATTENTION=1"
                + (req.parallel() > 1 ? " OLLAMA_NUM_PARALLEL=" + req.parallel() : "");
        if (a.file() != null) {
            return env + " ollama serve & sleep 2; printf 'FROM %s\\n' " + a.file()
                    + " > Modelfile && ollama create runyard-local -f Modelfile && ollama run runyard-local";
        }
        return env + " ollama serve & sleep 2; ollama run hf.co/" + a.repo() + ":" + tag(a, req);
    }

    /** The quant tag of the registry file ({@code -hf repo:TAG}), as the repository spells it. */
    private static String tag(Artifact a, EstimateRequest req) {
        return a.registryFile() != null ? a.registryFile().quant() : req.quant().name();
    }

    private static String mlx(Artifact a, List<String> why) {
        why.add("mlx_lm grows its KV cache as the conversation does: no context flag");
        return "mlx_lm.server --model " + a.repo();
    }
}
