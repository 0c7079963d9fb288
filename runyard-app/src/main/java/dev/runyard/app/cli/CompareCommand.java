package dev.runyard.app.cli;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.ModelLookup;
import dev.runyard.core.error.RunyardException;
import dev.runyard.app.api.CalcTable;
import dev.runyard.app.api.CompareView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runyard compare A B [C …]}: facts, memory per quant, speed on the hardware and benchmarks side by side. */
@Command(name = "compare", description = "Compare models side by side: facts, memory at Q4_K_M and Q8_0, the best "
        + "variant and speed on the given or detected hardware, and published benchmarks.")
public final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..8", paramLabel = "MODEL", description = "Two to eight catalog models.")
    List<String> models;

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
        MachineResolver.Resolved machine = hardware.resolve();
        List<CatalogModel> catalog = dev.runyard.app.catalog.CatalogChoice.models(db.spec());
        QualityModel qm = QualityModel.over(catalog);
        Ranker ranker = new Ranker();
        List<CompareView.Column> cols = new ArrayList<>();
        TreeSet<String> benchNames = new TreeSet<>();
        for (String id : models) {
            CatalogModel m = ModelLookup.require(id, catalog, hub.lookup(db.spec()));
            RankedResult best = ranker.best(m, machine.machine(), RankOptions.defaults(), qm);
            cols.add(new CompareView.Column(m.id(), m.paramsTotal(), m.paramsActive(), m.contextLength(), m.license(),
                    m.releaseDate(), CalcTable.requirementBytes(ranker.planner(), m, "Q4_K_M", 8192),
                    CalcTable.requirementBytes(ranker.planner(), m, "Q8_0", 8192),
                    best == null ? null : PlanViews.ranked(best), new TreeMap<>(m.benchmarks())));
            benchNames.addAll(m.benchmarks().keySet());
        }
        if (cols.stream().map(CompareView.Column::model).distinct().count() < cols.size()) {
            throw RunyardException.badInput("the same model is listed twice", "name each model once");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(new CompareView(machine.description(), cols)));
        } else {
            out.print(text(cols, benchNames, machine.description()));
        }
        out.flush();
        return 0;
    }

    static String text(List<CompareView.Column> cols, TreeSet<String> benches, String machine) {
        // Ids are never cut (V4-Flash and V4-Pro must stay apart): columns widen to the longest id.
        int longest = cols.stream().mapToInt(c -> c.model().length()).max().orElse(0);
        int w = Math.max(longest + 2, Math.max(14, Math.min(24, 96 / (cols.size() + 1))));
        StringBuilder sb = new StringBuilder("Compared on ").append(machine).append('\n');
        String fmt = "%-" + w + "s";
        sb.append(String.format(Locale.ROOT, fmt, ""));
        cols.forEach(c -> sb.append(String.format(Locale.ROOT, fmt, c.model())));
        sb.append('\n');
        row(sb, fmt, "params", cols, c -> String.format(Locale.ROOT, "%.1fB", c.paramsTotal() / 1e9));
        row(sb, fmt, "active", cols, c -> String.format(Locale.ROOT, "%.1fB", c.paramsActive() / 1e9));
        row(sb, fmt, "context", cols, c -> String.valueOf(c.contextLength()));
        row(sb, fmt, "license", cols, c -> cut(String.valueOf(c.license()), w - 1));
        row(sb, fmt, "released", cols, c -> String.valueOf(c.releaseDate()));
        row(sb, fmt, "Q4_K_M 8K", cols, c -> ByteSize.of(c.memoryQ4km8kBytes()).toBinaryString());
        row(sb, fmt, "Q8_0 8K", cols, c -> ByteSize.of(c.memoryQ808kBytes()).toBinaryString());
        row(sb, fmt, "best here", cols, c -> c.bestVariant() == null ? "does not fit"
                : c.bestVariant().quant() + " " + (c.bestVariant().context() / 1024) + "K");
        row(sb, fmt, "tok/s here", cols, c -> c.bestVariant() == null ? "-"
                : String.valueOf(c.bestVariant().decodeTokensPerS()));
        for (String bn : benches) {
            row(sb, fmt, cut(bn, w - 1), cols, c -> {
                Double v = c.benchmarks().get(bn);
                return v == null ? "-" : String.valueOf(v);
            });
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String fmt, String label, List<CompareView.Column> cols,
                            java.util.function.Function<CompareView.Column, String> f) {
        sb.append(String.format(Locale.ROOT, fmt, label));
        cols.forEach(c -> sb.append(String.format(Locale.ROOT, fmt, f.apply(c))));
        sb.append('\n');
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n - 1) + "…" : s;
    }
}
