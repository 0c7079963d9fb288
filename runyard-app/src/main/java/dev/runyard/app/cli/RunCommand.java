package dev.runyard.app.cli;

import dev.runyard.app.rank.MachineResolver;
import dev.runyard.app.rank.ModelLookup;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.CatalogModel;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.RunCommands;
import dev.runyard.core.rank.UseCase;
import dev.runyard.app.rank.CatalogModels;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runyard run MODEL --engine E}: the exact command that runs the model here, from the same numbers. */
@Command(name = "run", description = "Print the exact command to run a model with vLLM, SGLang, llama.cpp, Ollama or "
        + "MLX on the given or detected hardware (quant, context, parallelism and memory settings included).")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A catalog model, e.g. Qwen/Qwen3-32B.")
    String model;

    @Option(names = "--engine", required = true, paramLabel = "E", description = "vllm, sglang, llama.cpp, ollama or mlx.")
    String engine;

    @Option(names = "--ctx", paramLabel = "N", description = "Context to serve (default: the longest that fits, "
            + "up to 32K for vLLM/SGLang).")
    Long ctx;

    @Mixin
    HardwareOptions hardware;

    @Mixin
    DbOption db;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CatalogModel m = ModelLookup.require(model, dev.runyard.app.rank.CatalogChoice.models(db.spec()));
        Engine e = Engine.parse(engine);
        MachineResolver.Resolved machine = hardware.resolve();
        Map<String, Object> result = switch (e) {
            case LLAMA_CPP, OLLAMA -> gguf(m, e, machine.machine());
            case VLLM, SGLANG -> vllm(m, e, machine.machine());
            case MLX -> mlx(m, machine.machine());
        };
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            result.put("machine", machine.description());
            result.put("warnings", machine.warnings());
            out.println(Json.write(result));
        } else {
            out.println(result.get("command"));
            for (String w : machine.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> gguf(CatalogModel m, Engine e, Machine machine) {
        long min = ctx == null ? 0 : ctx;
        List<RankedResult> variants = new Ranker().variants(m, machine, new RankOptions(UseCase.GENERAL, min, 0, e, null, 1),
                QualityModel.over(dev.runyard.app.rank.CatalogChoice.models(db.spec())));
        if (variants.isEmpty()) {
            throw RunyardException.badInput(m.id() + " does not fit this machine with " + e.key(),
                    "try ./runyard calc " + m.id() + " to see what it needs");
        }
        RankedResult r = variants.get(0);
        Map<String, Object> out = new LinkedHashMap<>(FitView.toMap(r));
        return out;
    }

    private Map<String, Object> vllm(CatalogModel m, Engine e, Machine machine) {
        if (!machine.hasGpu()) {
            throw RunyardException.badInput(e.key() + " needs a GPU and none was found", "pass --gpu, e.g. --gpu H100");
        }
        if (!machine.identicalGpus()) {
            throw RunyardException.badInput(e.key() + " tensor parallelism needs identical GPUs", "use llama.cpp for mixed GPUs");
        }
        long maxCtx = m.contextLength() > 0 ? m.contextLength() : 32768;
        long want = ctx != null ? ctx : Math.min(maxCtx, 32768);
        List<String> quants = dev.runyard.core.rank.ServingVariants.quants(m.arch(),
                machine.gpus().get(0).accelerator());
        long mem = machine.gpus().get(0).memoryBytes();
        int heads = m.arch().attentionHeads();
        for (String qn : quants) {
            for (int tp = 1; tp <= machine.gpus().size(); tp *= 2) {
                if (heads > 0 && heads % tp != 0) { // vLLM shards attention heads evenly over TP ranks
                    continue;
                }
                Quant q = Quant.parse(qn);
                EstimateRequest req = EstimateRequest.builder(q).engine(e).ctx(want).gpus(tp).tp(tp).gpuMemoryBytes(mem).build();
                MemoryEstimate est = MemoryEstimator.estimate(m.arch(), req);
                if (est.kvCapacityTokens() != null && est.kvCapacityTokens() >= want) {
                    String cmd = RunCommands.command(m, q, e, want, new RunCommands.Settings(tp, tp, 0.9, false, null));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("model", m.id());
                    out.put("engine", e.key());
                    out.put("quant", q.name());
                    out.put("context", want);
                    out.put("tensor_parallel", tp);
                    out.put("total_bytes", est.totalBytes());
                    out.put("kv_capacity_tokens", est.kvCapacityTokens());
                    out.put("fit", "full_gpu");
                    out.put("command", cmd);
                    return out;
                }
            }
        }
        throw RunyardException.badInput(m.id() + " does not fit " + machine.gpus().size() + " GPU(s) with " + e.key()
                + " at " + want + " tokens", "add GPUs, lower --ctx, or use llama.cpp with offload");
    }

    private Map<String, Object> mlx(CatalogModel m, Machine machine) {
        if (!machine.unifiedMemory()) {
            throw RunyardException.badInput("MLX runs on Apple silicon only", "pass --gpu \"M3 Max 64GB\" or use llama.cpp");
        }
        long want = ctx != null ? ctx : Math.min(m.contextLength() > 0 ? m.contextLength() : 32768, 32768);
        for (String qn : List.of("mlx-8bit", "mlx-4bit")) {
            Quant q = Quant.parse(qn);
            MemoryEstimate est = MemoryEstimator.estimate(m.arch(),
                    EstimateRequest.builder(q).engine(Engine.MLX).ctx(want).build());
            if (est.totalBytes() <= machine.usableGpuBytesTotal()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("model", m.id());
                out.put("engine", "mlx");
                out.put("quant", qn);
                out.put("context", want);
                out.put("total_bytes", est.totalBytes());
                out.put("fit", "full_gpu");
                out.put("command", RunCommands.command(m, q, Engine.MLX, want,
                        new RunCommands.Settings(1, 1, 0.9, false, null)));
                return out;
            }
        }
        throw RunyardException.badInput(m.id() + " does not fit in the GPU's share of unified memory with MLX",
                "raise iogpu.wired_limit_mb, pick a smaller model, or lower --ctx");
    }
}
