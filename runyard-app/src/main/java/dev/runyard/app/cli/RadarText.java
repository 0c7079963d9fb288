package dev.runyard.app.cli;

import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.RadarRow;
import dev.runyard.app.store.RadarVisit;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The radar as a table: one line per release, in the radar's order, new ones starred. */
final class RadarText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RadarText() {
    }

    static String memoryLabel(String quant, long ctx, long memory) {
        return String.format(Locale.ROOT, "at %s, %dK context in %s (each month: what fits first)", quant, ctx / 1024, ByteSize.of(memory).toBinaryString());
    }

    /** @param visit null when the store could not say what is new */
    static void print(PrintWriter out, List<RadarRow> rows, LocalDate from, String on, boolean withBest, RadarVisit visit) {
        out.printf(Locale.ROOT, "%s; fit %s%n", from == null ? "The " + rows.size()
                + " newest releases in the catalog" : "Released since " + from, on);
        int w = 40; // a longer id is never cut: it gets a line of its own
        String fmt = "%-3s %-10s %-" + w + "s %7s %10s  %-12s %s%n";
        out.printf(Locale.ROOT, fmt, "", "RELEASED", "ID", "PARAMS", "MEMORY", "FIT", withBest ? "BEST HERE" : "");
        for (RadarRow r : rows) {
            PlanView best = r.bestVariant();
            Long t = best != null ? Long.valueOf(best.totalBytes()) : r.totalBytes();
            String how = best == null ? "" : best.quant() + " " + (best.context() / 1024) + "K "
                    + best.decodeTokensPerS() + " tok/s";
            StringBuilder idLine = new StringBuilder();
            String id = ModelsView.id(idLine, r.id(), w, "               ");
            out.print(idLine);
            out.printf(Locale.ROOT, fmt, r.fresh() ? "new" : "", r.releaseDate(), id, ModelsView.params(r.paramsTotal()),
                    t == null ? "-" : String.format(Locale.ROOT, "%.1f GiB", t / (double) (1L << 30)), r.fit(), how);
        }
        out.printf("%d models%n", rows.size());
        if (visit == null) {
            return;
        }
        long fresh = rows.stream().filter(RadarRow::fresh).count();
        out.println(visit.first() ? "First radar run on this store: releases added from now on will be marked new."
                : fresh + " new since the previous radar run (" + WHEN.format(visit.previousAt()) + ")"
                + (visit.fresh().size() > fresh ? "; " + (visit.fresh().size() - fresh) + " more not listed here" : "") + ".");
    }
}
