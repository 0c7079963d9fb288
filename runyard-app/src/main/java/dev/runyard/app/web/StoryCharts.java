package dev.runyard.app.web;

import dev.runyard.core.catalog.CatalogModel;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The radar's charts: a timeline of releases (date across, size up, coloured by whether it fits the user's
 * hardware) and the open-weight frontier (each model's score on one benchmark by release date, with the best so far).
 * Both come with a table of the same points.
 */
final class StoryCharts {
    private static final int W = 640;
    private static final int H = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 20;
    private static final int BOTTOM = 50;

    private StoryCharts() {
    }

    static String timeline(List<Radar.Entry> entries, boolean withFit) {
        List<Radar.Entry> dated = entries.stream().filter(e -> day(e.model().releaseDate()) != null
                && e.model().paramsTotal() > 0).toList();
        if (dated.size() < 2) {
            return "";
        }
        long d0 = dated.stream().mapToLong(e -> day(e.model().releaseDate())).min().orElse(0);
        long d1 = dated.stream().mapToLong(e -> day(e.model().releaseDate())).max().orElse(1);
        double p0 = Math.floor(Math.log10(dated.stream().mapToLong(e -> e.model().paramsTotal()).min().orElse(1)));
        double p1 = Math.ceil(Math.log10(dated.stream().mapToLong(e -> e.model().paramsTotal()).max().orElse(10)));
        if (p1 <= p0) {
            p1 = p0 + 1;
        }
        StringBuilder sb = open("radar-timeline", "Releases over time",
                "One dot per release: date across, total parameters up (log scale)" + (withFit
                        ? "; green fits the hardware, grey does not." : "."));
        dateAxis(sb, d0, d1);
        for (double p = p0; p <= p1; p++) {
            double y = TOP + (H - TOP - BOTTOM) * (1 - (p - p0) / (p1 - p0));
            sb.append(grid(y)).append(Charts.text(LEFT - 6, (int) y + 5, "end", size(Math.pow(10, p))));
        }
        for (Radar.Entry e : dated) {
            CatalogModel m = e.model();
            double x = x(day(m.releaseDate()), d0, d1);
            double y = TOP + (H - TOP - BOTTOM) * (1 - (Math.log10(m.paramsTotal()) - p0) / (p1 - p0));
            String cls = !withFit ? "" : e.best() == null ? " fits-no" : " fits-yes";
            sb.append("<circle class=\"pt").append(cls).append("\" cx=\"").append(f(x)).append("\" cy=\"").append(f(y))
                    .append("\" r=\"6\" fill=\"#0072B2\" fill-opacity=\"0.85\"><title>").append(Html.esc(m.name())).append(", ")
                    .append(Html.esc(m.releaseDate())).append(", ").append(Html.params(m.paramsTotal()))
                    .append(withFit ? e.best() == null ? ": does not fit" : ": " + Html.fit(e.best().fit().key()) : "")
                    .append("</title></circle>");
        }
        sb.append("</svg>");
        if (withFit) {
            Charts.legend(sb, new String[][]{{"full_gpu", "fits your hardware"}, {"does_not_fit", "does not fit"}}, null);
        }
        return sb.append("</figure>").toString();
    }

    /**
     * The frontier for the benchmark most models report: every score by release date and the best-so-far line. Null
     * when fewer than five dated scores exist.
     */
    static String frontier(List<CatalogModel> models) {
        Map<String, Integer> counts = new TreeMap<>();
        for (CatalogModel m : models) {
            if (day(m.releaseDate()) != null) {
                m.benchmarks().keySet().forEach(b -> counts.merge(b, 1, Integer::sum));
            }
        }
        String bench = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
        if (bench == null || counts.get(bench) < 5) {
            return "";
        }
        record Pt(CatalogModel m, long day, double score) {
        }
        List<Pt> pts = new ArrayList<>();
        for (CatalogModel m : models) {
            Long d = day(m.releaseDate());
            Double s = m.benchmarks().get(bench);
            if (d != null && s != null) {
                pts.add(new Pt(m, d, s));
            }
        }
        pts.sort(Comparator.comparingLong(Pt::day).thenComparing(p -> -p.score()));
        long d0 = pts.get(0).day();
        long d1 = Math.max(d0 + 1, pts.get(pts.size() - 1).day());
        double lo = Math.floor(pts.stream().mapToDouble(Pt::score).min().orElse(0) / 10) * 10;
        double hi = Math.min(100, Math.ceil(pts.stream().mapToDouble(Pt::score).max().orElse(100) / 10) * 10);
        if (hi <= lo) {
            hi = lo + 10;
        }
        StringBuilder sb = open("frontier", "Best open-weight " + bench + " score over time",
                "Each catalog model's " + bench + " score by release date; the line is the best score so far.");
        dateAxis(sb, d0, d1);
        for (double v = lo; v <= hi + 1e-9; v += Charts.niceStep((hi - lo) / 4)) {
            double y = y(v, lo, hi);
            sb.append(grid(y)).append(Charts.text(LEFT - 6, (int) y + 5, "end", Charts.fmt(v)));
        }
        StringBuilder line = new StringBuilder();
        double best = -1;
        List<Pt> records = new ArrayList<>();
        for (Pt p : pts) {
            sb.append("<circle cx=\"").append(f(x(p.day(), d0, d1))).append("\" cy=\"").append(f(y(p.score(), lo, hi)))
                    .append("\" r=\"4\" fill=\"#7F7F7F\"><title>").append(Html.esc(p.m().name())).append(": ")
                    .append(Html.num(p.score())).append("</title></circle>");
            if (p.score() > best) {
                if (best >= 0) {
                    line.append(f(x(p.day(), d0, d1))).append(',').append(f(y(best, lo, hi))).append(' ');
                }
                best = p.score();
                records.add(p);
                line.append(f(x(p.day(), d0, d1))).append(',').append(f(y(best, lo, hi))).append(' ');
            }
        }
        line.append(f(x(d1, d0, d1))).append(',').append(f(y(best, lo, hi)));
        sb.append("<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"3\" points=\"").append(line).append("\"/></svg>");
        Charts.legend(sb, new String[][]{{"line:#D55E00", "best so far"}, {"does_not_fit", "a model's score"}}, null);
        sb.append("</figure><details class=\"alt\"><summary>The frontier as a table</summary><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"The frontier\">")
                .append("<table id=\"frontier-table\"><thead><tr><th scope=\"col\">Released</th><th scope=\"col\">Model</th>")
                .append("<th scope=\"col\" class=\"num\">").append(Html.esc(bench)).append("</th></tr></thead><tbody>");
        for (Pt p : records) {
            sb.append("<tr><td>").append(Html.esc(p.m().releaseDate())).append("</td><td>").append(Html.esc(p.m().name()))
                    .append("</td><td class=\"num\">").append(Html.num(p.score())).append("</td></tr>");
        }
        return sb.append("</tbody></table></div></details>").toString();
    }

    private static StringBuilder open(String id, String title, String desc) {
        return new StringBuilder("<figure class=\"chart-box\"><svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" ")
                .append("aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" viewBox=\"0 0 ").append(W)
                .append(' ').append(H).append("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"").append(id).append("-t\">")
                .append(Html.esc(title)).append("</title><desc id=\"").append(id).append("-d\">").append(Html.esc(desc))
                .append("</desc>");
    }

    /** Year ticks (or quarters when the span is short) along the bottom. */
    private static void dateAxis(StringBuilder sb, long d0, long d1) {
        LocalDate a = LocalDate.ofEpochDay(d0);
        LocalDate b = LocalDate.ofEpochDay(d1);
        boolean quarters = b.getYear() - a.getYear() < 2;
        LocalDate t = quarters ? LocalDate.of(a.getYear(), ((a.getMonthValue() - 1) / 3) * 3 + 1, 1) : LocalDate.of(a.getYear(), 1, 1);
        int i = 0;
        for (; !t.isAfter(b); t = quarters ? t.plusMonths(3) : t.plusYears(1)) {
            if (t.isBefore(a)) {
                continue;
            }
            double x = x(t.toEpochDay(), d0, d1);
            String label = quarters ? t.getYear() + "-" + String.format(Locale.ROOT, "%02d", t.getMonthValue()) : String.valueOf(t.getYear());
            sb.append("<text").append(i++ % 2 == 1 ? " class=\"minor\"" : "").append(" x=\"").append(f(x)).append("\" y=\"")
                    .append(H - BOTTOM + 22).append("\" text-anchor=\"middle\">").append(label).append("</text>");
        }
    }

    private static String grid(double y) {
        return "<line class=\"grid-line\" x1=\"" + LEFT + "\" y1=\"" + f(y) + "\" x2=\"" + (W - RIGHT) + "\" y2=\"" + f(y) + "\"/>";
    }

    private static double x(long day, long d0, long d1) {
        return LEFT + (W - LEFT - RIGHT) * (day - d0) / (double) Math.max(1, d1 - d0);
    }

    private static double y(double v, double lo, double hi) {
        return TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo));
    }

    private static String size(double p) {
        return p >= 1e12 ? Charts.fmt(p / 1e12) + "T" : p >= 1e9 ? Charts.fmt(p / 1e9) + "B" : Charts.fmt(p / 1e6) + "M";
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static Long day(String date) {
        if (date == null || date.isBlank()) {
            return null;
        }
        String s = date.length() == 7 ? date + "-15" : date.length() == 4 ? date + "-07-01" : date;
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).toEpochDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
