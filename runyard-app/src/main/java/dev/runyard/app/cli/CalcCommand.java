package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.ModelLookup;
import dev.runyard.app.api.CalcTable;
import dev.runyard.app.api.HowManyView;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.Solvers;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runyard calc MODEL}: the VRAM calculator — memory per quant × context, what fits, and the longest context. */
@Command(name = "calc", description = "VRAM calculator: memory for each quant at 4K, 8K, 32K, 128K and the model's "
        + "maximum context (llama.cpp), what fits the given or detected hardware, and the longest context per quant.")
public final class CalcCommand implements Callable<Integer> {
    private final Planner planner = new Planner();

    @Parameters(index = "0", paramLabel = "MODEL", description = "A catalog model, e.g. Qwen/Qwen3-32B.")
    String model;

    @picocli.CommandLine.Option(names = "--how-many", paramLabel = "GPU",
            description = "Instead of the table: the fewest GPUs of this kind that serve the model, per engine and quant.")
    String howMany;

    @picocli.CommandLine.Option(names = "--ctx", paramLabel = "N", defaultValue = "32768",
            description = "Context for --how-many (default: ${DEFAULT-VALUE}).")
    long ctx;

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

    @Override
    public Integer call() {
        if (ctx < 1 || ctx > EstimateRequest.MAX_CTX) {
            throw dev.runyard.core.error.RunyardException.badInput("--ctx must be 1 to " + EstimateRequest.MAX_CTX
                    + " tokens, got " + ctx, "e.g. --ctx 32768");
        }
        CatalogModel m = ModelLookup.require(model, dev.runyard.app.catalog.CatalogChoice.models(db.spec()), hub.lookup(db.spec()));
        if (howMany != null) {
            return howMany(m);
        }
        MachineResolver.Resolved machine = hardware.resolve();
        CalcTable.Table t = CalcTable.build(planner, m, machine.machine(), machine.description(), machine.warnings());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(t));
        } else {
            out.print(text(t));
        }
        out.flush();
        return 0;
    }

    /**
     * The least-hardware solver: how many GPUs of one kind run the model, per engine and quantization. A bad GPU or
     * context is a one-line error; otherwise every row has a count or says why not, so the table is always printed.
     */
    private int howMany(CatalogModel m) {
        var spec = dev.runyard.core.hardware.HardwareSpec.parse(howMany, dev.runyard.core.hardware.AcceleratorDatabase.bundled());
        if (spec.parts().size() != 1 || spec.parts().get(0).count() != 1) {
            throw dev.runyard.core.error.RunyardException.badInput("--how-many takes one GPU kind, not \"" + howMany
                    + "\"", "e.g. --how-many H100; the answer is the count");
        }
        var acc = spec.parts().get(0).accelerator();
        long mem = spec.parts().get(0).memoryBytes();
        if (mem <= 0 || acc.kind().equals("cpu")) {
            throw dev.runyard.core.error.RunyardException.badInput(acc.name() + " is not a GPU with memory of its own",
                    "e.g. --how-many H100");
        }
        if (ctx < 1 || ctx > EstimateRequest.MAX_CTX) {
            throw dev.runyard.core.error.RunyardException.badInput("--ctx must be 1 to " + EstimateRequest.MAX_CTX
                    + " tokens, got " + ctx, "e.g. --ctx 32768");
        }
        List<HowMany> rows = HowMany.rows(planner, m, acc, mem, ctx);
        PrintWriter out = spec().getOut();
        if (common.json()) {
            out.println(Json.write(new HowManyView(m.id(), acc.name(), mem, rows.stream().map(HowMany::view).toList())));
        } else {
            out.printf(Locale.ROOT, "Fewest %s (%s each) for %s at %,d tokens:%n", acc.name(),
                    ByteSize.of(mem).toBinaryString(), m.id(), rows.get(0).context());
            for (HowMany r : rows) {
                out.printf(Locale.ROOT, "  %-10s %-7s %s%n", r.engine(), r.quant(),
                        r.gpus() == null ? r.note() : r.gpus() + " GPU(s)");
            }
        }
        out.flush();
        return 0;
    }

    private picocli.CommandLine spec() {
        return spec.commandLine();
    }

    static String text(CalcTable.Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.model()).append(" — total memory (GiB) with llama.cpp on ").append(t.machine())
                .append("; * = fits on the GPU, ~ = fits with offload\n");
        sb.append(String.format(Locale.ROOT, "%-9s", "quant"));
        for (long c : t.contexts()) {
            sb.append(String.format(Locale.ROOT, "%10s", c >= 1024 ? (c / 1024) + "K" : c));
        }
        sb.append(String.format(Locale.ROOT, "%12s%n", "max ctx GPU"));
        for (CalcTable.Row r : t.rows()) {
            sb.append(String.format(Locale.ROOT, "%-9s", r.quant()));
            for (CalcTable.Cell c : r.cells()) {
                String fit = c.fit() == null ? "" : c.fit();
                String mark = fit.equals("full_gpu") ? "*" : fit.equals("does_not_fit") || fit.isEmpty() ? " " : "~";
                sb.append(String.format(Locale.ROOT, "%9.1f%s", ByteSize.of(c.totalBytes()).gib(), mark));
            }
            Long max = r.maxContextFullGpu();
            sb.append(String.format(Locale.ROOT, "%12s%n", max == null || max == 0 ? "-"
                    : max >= 1024 ? (max / 1024) + "K" : max));
        }
        for (String w : t.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
