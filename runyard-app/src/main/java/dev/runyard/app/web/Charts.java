package dev.runyard.app.web;

import dev.runyard.app.api.CalcTable;
import java.util.List;
import java.util.Locale;

/** Inline SVG charts drawn on the server, so they show without JavaScript; each has a title and description. */
final class Charts {
    static final String WEIGHTS = "#1f5fbf";
    static final String KV = "#b45309";
    static final String OVERHEAD = "#4b5563";
    static final String LIMIT = "#b91c1c";
    private static final String[] LINE_COLOURS = {"#1f5fbf", "#b45309", "#047857", "#7c3aed", "#be185d", "#0e7490",
            "#4b5563", "#a16207", "#1e3a8a"};

    private Charts() {
    }

    /** Stacked bars (weights, KV cache, overhead) per quantization at one context, against the memory line. */
    static String bars(CalcTable.Table t, int col, String machine) {
        List<CalcTable.Row> rows = t.rows();
        long ctx = t.contexts().get(col);
        double max = t.capacityBytes() == null ? 0 : t.capacityBytes();
        for (CalcTable.Row r : rows) {
            max = Math.max(max, r.cells().get(col).totalBytes());
        }
        max *= 1.08;
        int left = 80;
        int width = 640;
        int plot = width - left - 90;
        int rowH = 26;
        int top = 24;
        int height = top + rows.size() * rowH + 30;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg id=\"vram-bars\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
                + "aria-labelledby=\"bars-title bars-desc\" xmlns=\"http://www.w3.org/2000/svg\">", width, height));
        sb.append("<title id=\"bars-title\">Memory per quantization at ").append(Html.ctx(ctx)).append(" context</title>");
        sb.append("<desc id=\"bars-desc\">Stacked bars: weights, KV cache and overhead for each quantization")
                .append(t.capacityBytes() == null ? "" : "; the red line is the usable memory of " + Html.esc(machine))
                .append(".</desc>");
        legend(sb, left, 14);
        int y = top;
        for (CalcTable.Row r : rows) {
            CalcTable.Cell c = r.cells().get(col);
            double x = left;
            sb.append("<g class=\"bar\"><title>").append(Html.esc(r.quant())).append(": ").append(Html.gib(c.totalBytes()))
                    .append(" (weights ").append(Html.gib(c.weightsBytes())).append(", KV cache ")
                    .append(Html.gib(c.kvCacheBytes())).append(", overhead ").append(Html.gib(c.overheadBytes()))
                    .append(")</title>");
            sb.append(text(left - 6, y + 17, "end", r.quant()));
            for (long[] part : new long[][]{{c.weightsBytes(), 0}, {c.kvCacheBytes(), 1}, {c.overheadBytes(), 2}}) {
                double w = plot * part[0] / max;
                String fill = part[1] == 0 ? WEIGHTS : part[1] == 1 ? KV : OVERHEAD;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        x, y + 4, Math.max(0, w), rowH - 8, fill));
                x += w;
            }
            String label = Html.gib(c.totalBytes()) + (c.fits() == null ? "" : c.fits() ? " ✓" : " ✗");
            sb.append(text((int) x + 6, y + 17, "start", label)).append("</g>");
            y += rowH;
        }
        if (t.capacityBytes() != null) {
            double lx = left + plot * t.capacityBytes() / max;
            sb.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>", lx, top, lx, y, LIMIT));
            sb.append(text((int) lx, y + 18, "middle", "usable " + Html.gib(t.capacityBytes())));
        }
        return sb.append("</svg>").toString();
    }

    /** Memory against context (log scale) for each quantization, with the memory line. */
    static String memoryVsContext(CalcTable.Table t, String machine) {
        int width = 640;
        int height = 300;
        int left = 60;
        int right = 110;
        int top = 20;
        int bottom = 40;
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
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg id=\"ctx-chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" "
                + "aria-labelledby=\"ctx-title ctx-desc\" xmlns=\"http://www.w3.org/2000/svg\">", width, height));
        sb.append("<title id=\"ctx-title\">Memory against context length</title><desc id=\"ctx-desc\">One line per ")
                .append("quantization, context on a logarithmic axis")
                .append(t.capacityBytes() == null ? "" : "; the red line is the usable memory of " + Html.esc(machine))
                .append(".</desc>");
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", left,
                top + ph, left + pw, top + ph));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", left, top,
                left, top + ph));
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            int yy = (int) (top + ph - ph * i / 4.0);
            sb.append(text(left - 4, yy + 4, "end", String.format(Locale.ROOT, "%.0f", v / (1L << 30))));
        }
        sb.append(text(12, top + ph / 2, "middle", "GiB"));
        for (long c : ctxs) {
            double x = left + pw * (Math.log(c) - lmin) / span;
            sb.append(text((int) x, top + ph + 16, "middle", Html.ctx(c)));
        }
        sb.append(text(left + pw / 2, height - 4, "middle", "context (tokens)"));
        int i = 0;
        for (CalcTable.Row r : t.rows()) {
            String colour = LINE_COLOURS[i % LINE_COLOURS.length];
            StringBuilder pts = new StringBuilder();
            double lastY = 0;
            for (CalcTable.Cell c : r.cells()) {
                double x = left + pw * (Math.log(c.ctx()) - lmin) / span;
                lastY = top + ph - ph * c.totalBytes() / max;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, lastY));
            }
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                    .append(pts.toString().strip()).append("\"><title>").append(Html.esc(r.quant())).append("</title></polyline>");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    left + pw + 6, top + 12 + 14 * i, colour, Html.esc(r.quant())));
            i++;
        }
        if (t.capacityBytes() != null) {
            double y = top + ph - ph * t.capacityBytes() / max;
            sb.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>", left, y, left + pw, y, LIMIT));
        }
        return sb.append("</svg>").toString();
    }

    private static void legend(StringBuilder sb, int x, int y) {
        String[][] items = {{WEIGHTS, "weights"}, {KV, "KV cache"}, {OVERHEAD, "overhead"}};
        for (String[] it : items) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9, it[0]));
            sb.append(text(x + 14, y, "start", it[1]));
            x += 100;
        }
    }

    private static String text(int x, int y, String anchor, String s) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"12\" fill=\"#111\">%s</text>",
                x, y, anchor, Html.esc(s));
    }
}
