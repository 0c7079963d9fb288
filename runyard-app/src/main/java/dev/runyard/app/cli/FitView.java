package dev.runyard.app.cli;

import dev.runyard.core.rank.RankedResult;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.api.Views;
import dev.runyard.core.units.ByteSize;
import java.util.List;
import java.util.Locale;

/** The ranked list as JSON records, CSV, or a table that fits 100 columns. */
public final class FitView {
    private FitView() {
    }

    static String toCsv(List<RankedResult> results) {
        StringBuilder sb = new StringBuilder("rank,model,quant,engine,context,total_bytes,fit,decode_tokens_per_s,score,command\n");
        int i = 1;
        for (RankedResult r : results) {
            sb.append(i++).append(',').append(r.model()).append(',').append(r.quant()).append(',').append(r.engine())
                    .append(',').append(r.context()).append(',').append(r.totalBytes()).append(',').append(r.fit().key())
                    .append(',').append(String.format(Locale.ROOT, "%.1f", r.decodeTokensPerS())).append(',')
                    .append(r.score()).append(",\"").append(r.command().replace("\"", "\"\"")).append("\"\n");
        }
        return sb.toString();
    }

    static String toTable(List<RankedResult> results, String machine, String useCase, boolean color) {
        StringBuilder sb = new StringBuilder();
        sb.append("Models for ").append(machine).append(", use case ").append(useCase).append('\n');
        if (results.isEmpty()) {
            sb.append("  nothing in the catalog fits these constraints\n");
            return sb.toString();
        }
        int w = 33; // a longer id is never cut: it gets a line of its own
        String head = "%3s %-" + w + "s %-9s %5s %10s %-7s %7s %5s %-9s%n";
        String row = "%3d %-" + w + "s %-9s %5s %10s %-7s %7.1f %5.1f %-9s%n";
        sb.append(String.format(Locale.ROOT, head, "#", "model", "quant", "ctx", "memory", "fit", "tok/s", "score",
                "engine"));
        int i = 1;
        for (RankedResult r : results) {
            String name = ModelsView.id(sb, r.model(), w, "    ");
            String fit = switch (r.fit()) {
                case FULL_GPU -> "gpu";
                case PARTIAL_OFFLOAD -> "offload";
                case CPU_ONLY -> "cpu";
                case DOES_NOT_FIT -> "no";
            };
            String line = String.format(Locale.ROOT, row, i++, name,
                    r.quant(), r.context() >= 1024 ? (r.context() / 1024) + "K" : String.valueOf(r.context()),
                    ByteSize.of(r.totalBytes()).toBinaryString(), fit, r.decodeTokensPerS(), r.score(), r.engine());
            sb.append(color && i == 2 ? "\u001b[1m" + line.stripTrailing() + "\u001b[0m\n" : line);
            serving(sb, r);
        }
        sb.append("  run the first: ").append(results.get(0).command()).append('\n');
        if (results.stream().anyMatch(r -> r.plan().speed() != null && !r.plan().speed().serving().isEmpty())) {
            sb.append("  serving: tok/s per request and in all at N requests of 1,024 + 512 tokens; TTFT\n");
        }
        sb.append("  (--json adds every variant's memory per device, score components and command)\n");
        return sb.toString();
    }

    /** A vLLM/SGLang row's serving rates, one line under it: at 1 request and at the most its KV pool holds. */
    private static void serving(StringBuilder sb, RankedResult r) {
        Views.Speed speed = PlanViews.speed(r.plan());
        if (speed == null || speed.serving().isEmpty()) {
            return;
        }
        StringBuilder line = new StringBuilder("      serving");
        String sep = " ";
        for (Views.Serving s : speed.serving()) {
            String part = String.format(Locale.ROOT, "%d req: %.1f tok/s each, %.0f in all, TTFT %.0f ms",
                    s.concurrency(), s.perRequestTokensPerS(), s.aggregateTokensPerS(), s.ttftMs());
            if (line.length() + sep.length() + part.length() > 100) {
                sb.append(line).append(";\n");
                line = new StringBuilder("             ");
                sep = " ";
            }
            line.append(sep).append(part);
            sep = "; ";
        }
        sb.append(line).append('\n');
    }
}
