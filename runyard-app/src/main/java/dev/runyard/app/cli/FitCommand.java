package dev.runyard.app.cli;

import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.catalog.CatalogChoice;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.UseCase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runyard fit}: detects this machine (or takes --gpu/--ram) and prints the catalog models that run on it,
 * ranked for a use case, each with the variant chosen, its memory, speed and the command to run it.
 */
@Command(name = "fit", description = "Rank the catalog's models for this machine (or --gpu/--ram): what runs, "
        + "at which quant and context, how fast, and the command to run it.", sortOptions = false)
public final class FitCommand implements Callable<Integer> {
    @Mixin
    HardwareOptions hardware;

    @Option(names = "--use-case", paramLabel = "U", defaultValue = "general",
            description = "general, coding, math, reasoning, agentic, long-context or chat (default: ${DEFAULT-VALUE}).")
    String useCase;

    @Option(names = {"--min-ctx", "--min-context"}, paramLabel = "N", defaultValue = "0",
            description = "Minimum context in tokens (each result's context is at least this).")
    long minCtx;

    @Option(names = "--min-tps", paramLabel = "X", defaultValue = "0", description = "Minimum decode tokens per second.")
    double minTps;

    @Option(names = "--engine", paramLabel = "E", description = "llama.cpp, ollama, vllm, sglang or mlx "
            + "(default: llama.cpp, plus vLLM on datacenter GPUs and MLX on Apple silicon).")
    String engine;

    @Option(names = "--license", paramLabel = "L", description = "commercial (permissive licences only: Apache-2.0, "
            + "MIT, BSD …, no conditions to check), open (any known licence) or any (default: any; unknown licences are "
            + "marked).")
    String license;

    @Option(names = "--kind", paramLabel = "K", description = "chat, reasoning, coder, vision, embedding, guard, reward "
            + "or base (default: the chat-capable kinds: chat, reasoning, coder, vision).")
    String kind;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many models (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--csv", description = "Print CSV instead of a table.")
    boolean csv;

    @Option(names = "--explain", description = "After the table, take each score apart (quality and its evidence, quant "
            + "loss, speed, context, headroom) and say why each row ranks above the next.")
    boolean explain;

    @Mixin
    DbOption db;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (csv && common.json()) {
            throw RunyardException.badInput("--json and --csv contradict each other", "pick one");
        }
        Engine e = engine == null ? null : Engine.parse(engine);
        RankOptions options = new RankOptions(UseCase.parse(useCase), minCtx, minTps, e,
                license == null ? null : license.toLowerCase(Locale.ROOT), limit,
                kind == null ? null : dev.runyard.core.catalog.ModelKind.parse(kind));
        MachineResolver.Resolved machine = hardware.resolve();
        List<RankedResult> results = new Ranker().rank(CatalogChoice.models(db.spec()), machine.machine(), options);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            // One record per ranked model (the same records as /api/v1/rank's "results"); notes go to stderr.
            List<PlanView> rows = new ArrayList<>();
            for (RankedResult r : results) {
                rows.add(PlanViews.ranked(r).with(machine.description(), options.useCase().key()));
            }
            out.println(Json.write(rows));
            for (String w : machine.warnings()) {
                spec.commandLine().getErr().println("warning: " + w);
            }
        } else if (csv) {
            out.print(FitView.toCsv(results));
        } else {
            out.print(FitView.toTable(results, machine.description(), options.useCase().key(), common.color()));
            if (explain) {
                out.print(FitExplain.text(results));
            }
            for (String w : machine.warnings()) {
                out.println("warning: " + w);
            }
        }
        out.flush();
        return 0;
    }
}
