package dev.runyard.app.cli;

import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code fit --explain}: each row's score taken apart (quality, quant loss, speed, context, headroom, with the
 * weights of the formula) and why it ranks above the next row: the component that contributes most to the gap.
 */
final class FitExplain {
    private static final double W_QUALITY = Ranker.W_QUALITY;
    private static final double W_SPEED = Ranker.W_SPEED;
    private static final double W_CONTEXT = Ranker.W_CONTEXT;
    private static final double W_HEADROOM = Ranker.W_HEADROOM;

    private FitExplain() {
    }

    static String text(List<RankedResult> results) {
        StringBuilder sb = new StringBuilder("Why this order (score = " + Ranker.FORMULA.replace("quant_loss", "quant loss")
                + ", each 0-100; below 5 tok/s the score is scaled by tok/s / 5):\n");
        for (int i = 0; i < results.size(); i++) {
            RankedResult r = results.get(i);
            Map<String, Object> c = r.components();
            sb.append(String.format(Locale.ROOT, "%3d %s %s: quality %.1f (%s) x (1 - %.3f) -> %.1f; speed %.0f -> %.1f;"
                            + " context %.0f -> %.1f; headroom %.0f -> %.1f; score %.1f%n", i + 1, r.model(), r.quant(),
                    num(c, "quality"), evidence(c), num(c, "quant_loss"), quality(c), num(c, "speed"),
                    W_SPEED * num(c, "speed"), num(c, "context"), W_CONTEXT * num(c, "context"), num(c, "headroom"),
                    W_HEADROOM * num(c, "headroom"), r.score()));
            if (i + 1 < results.size()) {
                sb.append("      ").append(why(r, results.get(i + 1))).append('\n');
            }
        }
        java.util.Set<String> bases = new java.util.TreeSet<>();
        java.util.Set<String> sources = new java.util.TreeSet<>();
        for (RankedResult r : results) {
            bases.add(r.quant() + ": " + r.components().get("quant_loss_basis"));
            if (r.components().get("evidence") instanceof List<?> ev) {
                for (Object o : ev) {
                    if (o instanceof Map<?, ?> e && e.get("source") instanceof String src && !src.isEmpty()) {
                        sources.add(e.get("benchmark") + ": " + src);
                    }
                }
            }
        }
        sb.append("Quant loss = 0.0075 x measured perplexity increase (%) x (params / 8B)^-0.25; sources:\n");
        bases.forEach(b -> sb.append("  ").append(b).append('\n'));
        if (!sources.isEmpty()) {
            sb.append("Benchmark scores used (percentile among catalog models reporting the same benchmark):\n");
            sources.forEach(x -> sb.append("  ").append(x).append('\n'));
        }
        return sb.toString();
    }

    /** What decides between two neighbours: the component with the largest weighted difference, or the tie rule. */
    static String why(RankedResult a, RankedResult b) {
        Map<String, Object> x = a.components();
        Map<String, Object> y = b.components();
        double[] d = {quality(x) - quality(y), W_SPEED * (num(x, "speed") - num(y, "speed")),
                W_CONTEXT * (num(x, "context") - num(y, "context")), W_HEADROOM * (num(x, "headroom") - num(y, "headroom"))};
        String[] names = {"quality after quant loss", "speed", "context", "headroom"};
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] > d[best]) {
                best = i;
            }
        }
        double gap = a.score() - b.score();
        if (Math.abs(gap) < 0.005) {
            return "ties with the next row; the newer release ranks first, then the id";
        }
        return String.format(Locale.ROOT, "above the next row by %.2f, mostly on %s (%+.2f)", gap, names[best], d[best]);
    }

    private static double quality(Map<String, Object> c) {
        return W_QUALITY * num(c, "quality") * (1 - num(c, "quant_loss"));
    }

    private static String evidence(Map<String, Object> c) {
        String confidence = String.valueOf(c.getOrDefault("quality_confidence", ""));
        StringBuilder sb = new StringBuilder(confidence);
        if (c.get("evidence") instanceof List<?> ev && !ev.isEmpty()) {
            sb.append(':');
            for (Object o : ev) {
                if (o instanceof Map<?, ?> e) {
                    sb.append(String.format(Locale.ROOT, " %s %s (p%.0f)", e.get("benchmark"), e.get("score"),
                            ((Number) e.get("percentile")).doubleValue()));
                }
            }
        } else if (confidence.equals("family estimate")) {
            sb.append(": no score for this use case; size prior plus its family's measured margin");
        } else {
            sb.append(": no score for this use case; estimated from size and release");
        }
        return sb.toString();
    }

    private static double num(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }
}
