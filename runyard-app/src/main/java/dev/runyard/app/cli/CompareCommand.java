package dev.runyard.app.cli;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.ModelLookup;
import dev.runyard.core.error.RunyardException;
import dev.runyard.app.api.CalcTable;
import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MachineResolver.Resolved machine = hardware.resolve();
        List<CatalogModel> catalog = dev.runyard.app.catalog.CatalogChoice.models(db.spec());
        QualityModel qm = QualityModel.over(catalog);
        Ranker ranker = new Ranker();
        List<Map<String, Object>> cols = new ArrayList<>();
        TreeSet<String> benchNames = new TreeSet<>();
        for (String id : models) {
            CatalogModel m = ModelLookup.require(id, catalog);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("model", m.id());
            c.put("params_total", m.paramsTotal());
            c.put("params_active", m.paramsActive());
            c.put("context_length", m.contextLength());
            c.put("license", m.license());
            c.put("release_date", m.releaseDate());
            for (String q : List.of("Q4_K_M", "Q8_0")) {
                c.put("memory_" + q.toLowerCase(Locale.ROOT) + "_8k_bytes",
                        CalcTable.requirementBytes(ranker.planner(), m, q, 8192));
            }
            RankedResult best = ranker.best(m, machine.machine(), RankOptions.defaults(), qm);
            c.put("best_variant", best == null ? null : PlanViews.ranked(best));
            c.put("benchmarks", m.benchmarks());
            benchNames.addAll(m.benchmarks().keySet());
            cols.add(c);
        }
        if (cols.stream().map(c -> c.get("model")).distinct().count() < cols.size()) {
            throw RunyardException.badInput("the same model is listed twice", "name each model once");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("machine", machine.description());
            j.put("models", cols);
            out.println(Json.write(j));
        } else {
            out.print(text(cols, benchNames, machine.description()));
        }
        out.flush();
        return 0;
    }

    @SuppressWarnings("unchecked")
    static String text(List<Map<String, Object>> cols, TreeSet<String> benches, String machine) {
        // Ids are never cut (V4-Flash and V4-Pro must stay apart): columns widen to the longest id.
        int longest = cols.stream().mapToInt(c -> ((String) c.get("model")).length()).max().orElse(0);
        int w = Math.max(longest + 2, Math.max(14, Math.min(24, 96 / (cols.size() + 1))));
        StringBuilder sb = new StringBuilder("Compared on ").append(machine).append('\n');
        String fmt = "%-" + w + "s";
        sb.append(String.format(Locale.ROOT, fmt, ""));
        cols.forEach(c -> sb.append(String.format(Locale.ROOT, fmt, (String) c.get("model"))));
        sb.append('\n');
        row(sb, fmt, "params", cols, c -> String.format(Locale.ROOT, "%.1fB", (Long) c.get("params_total") / 1e9));
        row(sb, fmt, "active", cols, c -> String.format(Locale.ROOT, "%.1fB", (Long) c.get("params_active") / 1e9));
        row(sb, fmt, "context", cols, c -> String.valueOf(c.get("context_length")));
        row(sb, fmt, "license", cols, c -> cut(String.valueOf(c.get("license")), w - 1));
        row(sb, fmt, "released", cols, c -> String.valueOf(c.get("release_date")));
        row(sb, fmt, "Q4_K_M 8K", cols, c -> ByteSize.of((Long) c.get("memory_q4_k_m_8k_bytes")).toBinaryString());
        row(sb, fmt, "Q8_0 8K", cols, c -> ByteSize.of((Long) c.get("memory_q8_0_8k_bytes")).toBinaryString());
        row(sb, fmt, "best here", cols, c -> {
            PlanView b = (PlanView) c.get("best_variant");
            return b == null ? "does not fit" : b.quant() + " " + (b.context() / 1024) + "K";
        });
        row(sb, fmt, "tok/s here", cols, c -> {
            PlanView b = (PlanView) c.get("best_variant");
            return b == null ? "-" : String.valueOf(b.decodeTokensPerS());
        });
        for (String bn : benches) {
            row(sb, fmt, cut(bn, w - 1), cols, c -> {
                Object v = ((Map<String, Double>) c.get("benchmarks")).get(bn);
                return v == null ? "-" : String.valueOf(v);
            });
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String fmt, String label, List<Map<String, Object>> cols,
                            java.util.function.Function<Map<String, Object>, String> f) {
        sb.append(String.format(Locale.ROOT, fmt, label));
        cols.forEach(c -> sb.append(String.format(Locale.ROOT, fmt, f.apply(c))));
        sb.append('\n');
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n - 1) + "…" : s;
    }
}
