package dev.runyard.app.web;

import dev.runyard.app.api.CalcTable;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts drawn on the server, so they show without JavaScript. Each has a title and description, an HTML
 * legend (it wraps on a phone where SVG text would not) and a table beside it with the same numbers. Colours come from
 * CSS classes, so the dark mode recolours them; text is sized by CSS (≥ 11 px at 360 px wide).
 */
final class Charts {
    /** Okabe–Ito colours: told apart with the common colour-vision deficiencies. */
    static final String[] SERIES = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F",
            "#8C564B", "#9467BD", "#17BECF"};

    private Charts() {
    }

    /** Stacked bars (weights, KV cache, overhead) per quantization at one context, against the labelled memory line. */
    static String bars(CalcTable.Table t, int col, String machine) {
        List<CalcTable.Row> rows = t.rows();
        long ctx = t.contexts().get(col);
        double max = t.capacityBytes() == null ? 0 : t.capacityBytes();
        for (CalcTable.Row r : rows) {
            max = Math.max(max, r.cells().get(col).totalBytes());
        }
        max *= 1.05;
        int left = 110;
        int width = 640;
        int plot = width - left - 130;
        int rowH = 30;
        int top = 34;
        int height = top + rows.size() * rowH + 14;
        StringBuilder sb = new StringBuilder("<figure class=\"chart-box\">");
        sb.append(String.format(Locale.ROOT, "<svg id=\"vram-bars\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
                + "aria-labelledby=\"bars-title bars-desc\" xmlns=\"http://www.w3.org/2000/svg\">", width, height));
        sb.append("<title id=\"bars-title\">Memory per quantization at ").append(Html.ctx(ctx)).append(" context</title>");
        sb.append("<desc id=\"bars-desc\">Stacked bars: weights, KV cache and overhead for each quantization")
                .append(t.capacityBytes() == null ? "" : "; the dashed red line is the usable memory of " + Html.esc(machine))
                .append(". The table below has the same numbers.</desc>");
        int y = top;
        for (CalcTable.Row r : rows) {
            CalcTable.Cell c = r.cells().get(col);
            double x = left;
            sb.append("<g class=\"bar\"><title>").append(Html.esc(r.quant())).append(": ").append(Html.gib(c.totalBytes()))
                    .append(" (weights ").append(Html.gib(c.weightsBytes())).append(", KV cache ")
                    .append(Html.gib(c.kvCacheBytes())).append(", overhead ").append(Html.gib(c.overheadBytes()))
                    .append(")</title>");
            sb.append(text(left - 8, y + 20, "end", r.quant()));
            String[] cls = {"s-weights", "s-kv", "s-overhead"};
            long[] parts = {c.weightsBytes(), c.kvCacheBytes(), c.overheadBytes()};
            for (int i = 0; i < 3; i++) {
                double w = plot * parts[i] / max;
                sb.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>",
                        cls[i], x, y + 4, Math.max(0, w), rowH - 8));
                x += w;
            }
            String label = Html.gib(c.totalBytes()) + (c.fits() == null ? "" : c.fits() ? " fits" : " too big");
            sb.append(text((int) x + 6, y + 20, "start", label)).append("</g>");
            y += rowH;
        }
        if (t.capacityBytes() != null) {
            double lx = left + plot * t.capacityBytes() / max;
            sb.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
                    lx, top - 4, lx, y));
            sb.append("<text class=\"limit-label\" x=\"").append((int) lx).append("\" y=\"").append(top - 12)
                    .append("\" text-anchor=\"middle\">usable ").append(Html.gib(t.capacityBytes())).append("</text>");
        }
        sb.append("</svg>");
        legend(sb, new String[][]{{"s-weights", "weights"}, {"s-kv", "KV cache"}, {"s-overhead", "overhead (compute, runtime)"}},
                t.capacityBytes() == null ? null : "usable memory of " + machine);
        return sb.append("</figure>").toString();
    }

    /** Memory against context (log scale, every power of two from 1K) for each quantization, with the memory line. */
    static String memoryVsContext(CalcTable.Table t, String machine) {
        int width = 640;
        int height = 330;
        int left = 64;
        int right = 20;
        int top = 30;
        int bottom = 56;
        double max = t.capacityBytes() == null ? 0 : t.capacityBytes();
        for (CalcTable.Row r : t.rows()) {
            for (CalcTable.Cell c : r.cells()) {
                max = Math.max(max, c.totalBytes());
            }
        }
        max *= 1.08;
        List<Long> ctxs = t.contexts();
        double lmin = Math.log(ctxs.get(0));
        double lmax = Math.log(ctxs.get(ctxs.size() - 1));
        double span = lmax - lmin == 0 ? 1 : lmax - lmin;
        int pw = width - left - right;
        int ph = height - top - bottom;
        StringBuilder sb = new StringBuilder("<figure class=\"chart-box\">");
        sb.append(String.format(Locale.ROOT, "<svg id=\"ctx-chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
                + "aria-labelledby=\"ctx-title ctx-desc\" xmlns=\"http://www.w3.org/2000/svg\">", width, height));
        sb.append("<title id=\"ctx-title\">Memory against context length</title><desc id=\"ctx-desc\">One line per ")
                .append("quantization, context on a logarithmic axis from ").append(Html.ctx(ctxs.get(0))).append(" to ")
                .append(Html.ctx(ctxs.get(ctxs.size() - 1)))
                .append(t.capacityBytes() == null ? "" : "; the dashed red line is the usable memory of " + Html.esc(machine))
                .append(". The table below the chart has the same numbers.</desc>");
        double step = niceStep(max / (1L << 30) / 4);
        for (double v = 0; v * (1L << 30) <= max; v += step) {
            double yy = top + ph - ph * v * (1L << 30) / max;
            sb.append(String.format(Locale.ROOT, "<line class=\"grid-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    left, yy, left + pw, yy));
            sb.append(text(left - 6, (int) yy + 5, "end", fmt(v)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">GiB</text>",
                top + ph / 2, top + ph / 2));
        for (int i = 0; i < ctxs.size(); i++) {
            double x = left + pw * (Math.log(ctxs.get(i)) - lmin) / span;
            // every other label is minor: the phone layout hides it so the larger text does not collide
            boolean minor = ctxs.size() > 6 && i % 2 == 1 && i != ctxs.size() - 1;
            sb.append("<text").append(minor ? " class=\"minor\"" : "").append(String.format(Locale.ROOT,
                    " x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, top + ph + 22, Html.ctx(ctxs.get(i))));
        }
        sb.append(text(left + pw / 2, height - 6, "middle", "context (tokens, log scale)"));
        String[][] items = new String[t.rows().size()][];
        int i = 0;
        for (CalcTable.Row r : t.rows()) {
            String colour = SERIES[i % SERIES.length];
            StringBuilder pts = new StringBuilder();
            for (CalcTable.Cell c : r.cells()) {
                double x = left + pw * (Math.log(c.ctx()) - lmin) / span;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, top + ph - ph * c.totalBytes() / max));
            }
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2.5\" points=\"")
                    .append(pts.toString().strip()).append("\"><title>").append(Html.esc(r.quant())).append("</title></polyline>");
            items[i++] = new String[]{"line:" + colour, r.quant()};
        }
        if (t.capacityBytes() != null) {
            double y = top + ph - ph * t.capacityBytes() / max;
            sb.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    left, y, left + pw, y));
            sb.append(String.format(Locale.ROOT, "<text class=\"limit-label\" x=\"%d\" y=\"%.0f\" text-anchor=\"end\">usable %s</text>",
                    left + pw - 4, y - 6, Html.gib(t.capacityBytes())));
        }
        sb.append("</svg>");
        legend(sb, items, t.capacityBytes() == null ? null : "usable memory of " + machine);
        sb.append("</figure>");
        curveTable(sb, t);
        return sb.toString();
    }

    /** The chart's numbers as a table, folded away: a text alternative that screen readers and phones can use. */
    private static void curveTable(StringBuilder sb, CalcTable.Table t) {
        sb.append("<details class=\"alt\"><summary>Memory against context as a table</summary><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Memory against context\">")
                .append("<table id=\"ctx-table\"><thead><tr><th scope=\"col\">Quant</th>");
        for (long c : t.contexts()) {
            sb.append("<th scope=\"col\" class=\"num\">").append(Html.ctx(c)).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (CalcTable.Row r : t.rows()) {
            sb.append("<tr><th scope=\"row\">").append(Html.esc(r.quant())).append("</th>");
            for (CalcTable.Cell c : r.cells()) {
                sb.append("<td class=\"num\">").append(Html.gib(c.totalBytes())).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></div></details>");
    }

    /** An HTML legend; "line:#hex" draws a line swatch, anything else is a CSS class of a box swatch. */
    static void legend(StringBuilder sb, String[][] items, String limit) {
        sb.append("<figcaption><ul class=\"legend\">");
        for (String[] it : items) {
            if (it[0].startsWith("line:")) {
                sb.append("<li><span class=\"swatch line\" style=\"background:").append(Html.esc(it[0].substring(5)))
                        .append("\"></span>").append(Html.esc(it[1])).append("</li>");
            } else {
                sb.append("<li><span class=\"swatch ").append(Html.esc(it[0])).append("\"></span>").append(Html.esc(it[1])).append("</li>");
            }
        }
        if (limit != null) {
            sb.append("<li><span class=\"swatch limit\"></span>").append(Html.esc(limit)).append("</li>");
        }
        sb.append("</ul></figcaption>");
    }

    static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, y, anchor, Html.esc(s));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (raw <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
