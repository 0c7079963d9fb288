package dev.runyard.app.web;

import dev.runyard.core.rank.RankedResult;
import java.util.List;
import java.util.Locale;

/** The finder's speed-versus-quality scatter: each ranked row a dot, numbered as in the table, coloured by fit. */
final class FinderChart {
    private FinderChart() {
    }

    static String speedQuality(List<RankedResult> results) {
        int width = 640;
        int height = 340;
        int left = 64;
        int right = 24;
        int top = 20;
        int bottom = 56;
        double minTps = Double.MAX_VALUE;
        double maxTps = 0;
        for (RankedResult r : results) {
            double t = Math.max(0.1, r.decodeTokensPerS());
            minTps = Math.min(minTps, t);
            maxTps = Math.max(maxTps, t);
        }
        // log scale in decades that cover the data
        double lo = Math.pow(10, Math.floor(Math.log10(minTps)));
        double hi = Math.pow(10, Math.ceil(Math.log10(maxTps)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        StringBuilder sb = new StringBuilder("<figure class=\"chart-box\"><svg id=\"speed-quality\" class=\"chart\" role=\"img\" ")
                .append("aria-labelledby=\"sq-title sq-desc\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"sq-title\">Speed against quality</title>")
                .append("<desc id=\"sq-desc\">One dot per ranked model, numbered as in the table: decode tokens per second")
                .append(" (log scale) across, benchmark quality up. Up and to the right is better.</desc>");
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            double x = left + plotW * Math.log10(d / lo) / Math.log10(hi / lo);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid-line\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\"/>",
                    x, top, x, top + plotH));
            sb.append(Charts.text((int) x, (int) (top + plotH + 22), "middle", Charts.fmt(d)));
        }
        for (int q = 0; q <= 100; q += 25) {
            double y = top + plotH * (1 - q / 100.0);
            sb.append(String.format(Locale.ROOT, "<line class=\"grid-line\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
                    left, y, width - right, y));
            sb.append(Charts.text(left - 8, (int) y + 5, "end", String.valueOf(q)));
        }
        sb.append(Charts.text(left + (int) plotW / 2, height - 8, "middle", "decode tokens/s (log)"));
        sb.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%.0f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.0f)\">quality</text>",
                top + plotH / 2, top + plotH / 2));
        int i = 1;
        for (RankedResult r : results) {
            double t = Math.max(0.1, r.decodeTokensPerS());
            double x = left + plotW * Math.log10(t / lo) / Math.log10(hi / lo);
            double quality = r.components().get("quality") instanceof Number n ? n.doubleValue() : 0;
            double y = top + plotH * (1 - Math.max(0, Math.min(100, quality)) / 100.0);
            sb.append("<g class=\"dot ").append(Html.esc(r.fit().key())).append("\"><title>").append(i).append(". ")
                    .append(Html.esc(r.name())).append(", ").append(Html.esc(r.quant())).append(": ")
                    .append(Html.num(r.decodeTokensPerS())).append(" tok/s, quality ").append(Html.num(quality)).append("</title>")
                    .append(String.format(Locale.ROOT, "<circle class=\"dot-c\" cx=\"%.1f\" cy=\"%.1f\" r=\"10\" fill=\"%s\"/>",
                            x, y, colour(r.fit().key())))
                    .append(String.format(Locale.ROOT, "<text class=\"dot-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                            + "dominant-baseline=\"central\">%d</text>", x, y, i))
                    .append("</g>");
            i++;
        }
        sb.append("</svg>");
        Charts.legend(sb, new String[][]{{"full_gpu", "full GPU"}, {"partial_offload", "offload"}, {"cpu_only", "CPU"}}, null);
        return sb.append("<p class=\"muted\">Speed against benchmark quality for the rows above; the table is this chart's")
                .append(" data.</p></figure>").toString();
    }

    private static String colour(String fit) {
        return switch (fit) {
            case "full_gpu" -> "#15803d";
            case "partial_offload" -> "#b45309";
            default -> "#3743a5";
        };
    }
}
