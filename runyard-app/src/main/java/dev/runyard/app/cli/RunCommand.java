package dev.runyard.app.cli;

import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.catalog.CatalogChoice;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.ModelLookup;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.plan.Artifact;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.UseCase;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runyard run MODEL --engine E}: the command that runs the model here. It is the plan {@code fit --engine E}
 * ranks first for the model (the same quant, context, placement and command), or the plan pinned by --quant/--ctx.
 */
@Command(name = "run", description = "Print the exact command to run a model with vLLM, SGLang, llama.cpp, Ollama or "
        + "MLX on the given or detected hardware (quant, context, parallelism and memory settings included).")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A catalog model, e.g. Qwen/Qwen3-32B.")
    String model;

    @Option(names = "--engine", required = true, paramLabel = "E", description = "vllm, sglang, llama.cpp, ollama or mlx.")
    String engine;

    @Option(names = "--quant", paramLabel = "Q", description = "Quantization (default: the one fit ranks first).")
    String quant;

    @Option(names = "--ctx", paramLabel = "N", description = "Context to serve (default: the one fit ranks first).")
    Long ctx;

    @Mixin
    HardwareOptions hardware;

    @Mixin
    DbOption db;

    @Mixin
    HubUrlOption hub;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /**
     * Why no plan exists because no weights do: the quant asked for (or every quant of the engine) has no published
     * artifact; the message names the nearest published one or how to convert. Null when weights exist.
     */
    static String missingArtifact(CatalogModel m, Engine e, Quant q, dev.runyard.core.plan.Machine machine) {
        if (m.arch() == null) {
            return null;
        }
        if (q != null) {
            Artifact a = Artifact.resolve(m, q, e);
            return a.known() ? null : "no " + a.format() + " weights of " + m.id() + " at " + q.name() + " for " + e.key()
                    + ": " + a.missing();
        }
        if (machine != null && !dev.runyard.core.rank.Candidates.quants(m, e, machine).isEmpty()) {
            return null;
        }
        Quant usual = Quant.parse(e.usesGguf() ? "Q4_K_M" : e == Engine.MLX ? "mlx-4bit" : "awq");
        Artifact a = Artifact.resolve(m, usual, e);
        return a.known() ? null : "no published weights of " + m.id() + " that " + e.key() + " can load: "
                + a.missing();
    }

    @Override
    public Integer call() {
        List<CatalogModel> catalog = CatalogChoice.models(db.spec());
        // --quant picks the file of a GGUF-only Hub repo whose header is read.
        CatalogModel m = ModelLookup.require(model, catalog, hub.lookup(db.spec()).withGgufQuant(quant));
        Engine e = Engine.parse(engine);
        Quant q = quant == null ? null : Quant.parse(quant);
        if (ctx != null && (ctx <= 0 || ctx > dev.runyard.core.estimate.EstimateRequest.MAX_CTX)) {
            throw RunyardException.badInput("--ctx " + ctx + " is out of range", "use 1 to 10,000,000 tokens");
        }
        MachineResolver.Resolved machine = hardware.resolve();
        RankOptions o = new RankOptions(UseCase.GENERAL, 0, 0, e, null, 1);
        List<RankedResult> variants = new Ranker().variants(m, machine.machine(), o, QualityModel.over(catalog), q,
                ctx == null ? 0 : ctx);
        if (variants.isEmpty() && Boolean.FALSE.equals(m.engines().get(e.key()))) {
            throw EngineRefusal.of(m, e);
        }
        if (variants.isEmpty()) {
            String missing = missingArtifact(m, e, q, machine.machine());
            if (missing != null) {
                throw RunyardException.badInput(missing, "./runyard fit --engine X lists what runs here");
            }
        }
        String unsuitable = dev.runyard.core.plan.Planner.unsuitable(e, machine.machine());
        if (variants.isEmpty() && unsuitable != null) {
            throw RunyardException.badInput(unsuitable, "pass --gpu for a machine that suits " + e.key());
        }
        if (variants.isEmpty()) {
            throw RunyardException.badInput(m.id() + " does not fit " + machine.description() + " with " + e.key()
                    + (q == null ? "" : " at " + q.name()) + (ctx == null ? "" : " and " + ctx + " tokens"),
                    "try ./runyard calc " + m.id() + " to see what it needs");
        }
        PlanView view = PlanViews.ranked(variants.get(0)).with(machine.description(), null);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(view));
        } else {
            out.println(view.command());
        }
        for (String w : machine.warnings()) {
            spec.commandLine().getErr().println("warning: " + w);
        }
        out.flush();
        return 0;
    }
}
