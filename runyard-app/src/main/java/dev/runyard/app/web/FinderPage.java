package dev.runyard.app.web;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.UseCase;
import java.util.List;

/** The finder: hardware and needs in, the ranked table out; a plain GET form that JavaScript makes live. */
final class FinderPage {
    static final long[] MIN_CONTEXTS = {0, 4096, 8192, 16384, 32768, 65536, 131072};

    private FinderPage() {
    }

    static final int[] LIMITS = {10, 20, 50, 100};

    static String main(ApiRoutes.RankQuery q, MachineResolver.Resolved machine, List<RankedResult> results) {
        RankOptions o = q.options();
        StringBuilder sb = new StringBuilder("<h1>Which models run on your hardware?</h1>");
        sb.append("<form id=\"finder\" method=\"get\" action=\"/\" class=\"grid\">").append(Forms.hardware(q.hw()));
        sb.append("<div class=\"field\"><label for=\"use_case\">Use case</label><select id=\"use_case\" name=\"use_case\">");
        for (UseCase u : UseCase.values()) {
            sb.append(Html.opt(u.key(), u.key(), u == o.useCase()));
        }
        sb.append("</select></div><div class=\"field\"><label for=\"ctx\">Minimum context</label><select id=\"ctx\" name=\"ctx\">");
        for (long c : MIN_CONTEXTS) {
            sb.append(Html.opt(String.valueOf(c), c == 0 ? "any" : Html.ctx(c), c == o.minCtx()));
        }
        sb.append("</select></div><div class=\"field\"><label for=\"min_tps\">Minimum tokens/s</label>")
                .append("<input id=\"min_tps\" name=\"min_tps\" type=\"number\" min=\"0\" max=\"100000\" step=\"any\" value=\"")
                .append(o.minTps() == 0 ? "" : Html.num(o.minTps())).append("\"></div>");
        sb.append("<div class=\"field\"><label for=\"engine\">Engine</label><select id=\"engine\" name=\"engine\">")
                .append(Html.opt("", "the one a user would pick", o.engine() == null));
        for (Engine e : Engine.values()) {
            sb.append(Html.opt(e.key(), e.key(), e == o.engine()));
        }
        sb.append("</select></div>");
        sb.append("<div class=\"field\"><label for=\"license\">Licence</label><select id=\"license\" name=\"license\">")
                .append(Html.opt("", "any (unknown marked)", o.license() == null || o.license().equals("any")))
                .append(Html.opt("open", "known licence", "open".equals(o.license())))
                .append(Html.opt("commercial", "commercial, no conditions", "commercial".equals(o.license())))
                .append("</select></div><div class=\"field\"><label for=\"kind\">Kind</label>")
                .append("<select id=\"kind\" name=\"kind\">").append(Html.opt("", "chat models", o.kind() == null));
        for (dev.runyard.core.catalog.ModelKind k : dev.runyard.core.catalog.ModelKind.values()) {
            sb.append(Html.opt(k.key(), k.key(), k == o.kind()));
        }
        sb.append("</select></div><div class=\"field\"><label for=\"limit\">Rows</label><select id=\"limit\" name=\"limit\">");
        boolean listed = false;
        for (int n : LIMITS) {
            listed |= n == o.limit();
            sb.append(Html.opt(String.valueOf(n), String.valueOf(n), n == o.limit()));
        }
        if (!listed) {
            sb.append(Html.opt(String.valueOf(o.limit()), String.valueOf(o.limit()), true));
        }
        sb.append("</select></div><div class=\"field\"><button type=\"submit\">Find models</button></div></form>");
        sb.append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>");
        sb.append("<div id=\"results-box\">").append(results(q.hw(), machine, o, results)).append("</div>");
        sb.append("<details class=\"alt\" id=\"score-help\"><summary>How the score works</summary><p>Score = ")
                .append(dev.runyard.core.rank.Ranker.W_QUALITY).append(" × quality × (1 − quant loss) + ")
                .append(dev.runyard.core.rank.Ranker.W_SPEED).append(" × speed + ").append(dev.runyard.core.rank.Ranker.W_CONTEXT)
                .append(" × context + ").append(dev.runyard.core.rank.Ranker.W_HEADROOM).append(" × headroom, each part from 0 to")
                .append(" 100. Quality comes from the model's benchmark scores weighted for the use case (or, without scores,")
                .append(" an estimate from its family and size, marked as such); quant loss from published KL-divergence and")
                .append(" perplexity tables; speed from the plan's decode tokens/s; context from the longest context that fits;")
                .append(" headroom from the memory left over. Point at a score to see its parts and the benchmarks behind it;")
                .append(" <code>runyard fit --explain</code> prints the same and why each row beats the next.</p></details>");
        return sb.toString();
    }

    /** The part a live update replaces: warnings, the ranked table and the speed-quality chart. */
    static String results(HardwareQuery hw, MachineResolver.Resolved machine, RankOptions o, List<RankedResult> results) {
        StringBuilder sb = new StringBuilder();
        for (String w : machine.warnings()) {
            sb.append("<p class=\"warning\">").append(Html.esc(w)).append("</p>");
        }
        sb.append(table(hw, machine, o, results));
        if (!results.isEmpty()) {
            sb.append(FinderChart.speedQuality(results));
        }
        return sb.toString();
    }

    /** The score taken apart, as a tooltip: quality, quant loss, speed, context, headroom (fit --explain's terms). */
    static String scoreParts(RankedResult r) {
        var c = r.components();
        return dev.runyard.core.rank.Ranker.W_QUALITY + " x quality " + c.get("quality") + " x (1 - quant loss "
                + c.get("quant_loss") + ") + " + dev.runyard.core.rank.Ranker.W_SPEED + " x speed " + c.get("speed")
                + " + " + dev.runyard.core.rank.Ranker.W_CONTEXT + " x context " + c.get("context") + " + "
                + dev.runyard.core.rank.Ranker.W_HEADROOM + " x headroom " + c.get("headroom") + "; quality "
                + c.get("quality_confidence") + evidence(c.get("evidence"));
    }

    /** The benchmarks behind a quality, by name (the tooltip's short form of fit --explain's evidence). */
    private static String evidence(Object ev) {
        List<String> names = new java.util.ArrayList<>();
        if (ev instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof java.util.Map<?, ?> e) {
                    names.add(String.valueOf(e.get("benchmark")));
                }
            }
        }
        return names.isEmpty() ? "" : " from " + String.join(", ", names);
    }

    static String table(HardwareQuery hw, MachineResolver.Resolved machine, RankOptions o, List<RankedResult> results) {
        StringBuilder sb = new StringBuilder("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Ranked models\"><table id=\"results\" class=\"sortable\"><caption>Best models for <span id=\"machine\">")
                .append(Html.esc(machine.description())).append("</span>, use case <span id=\"use-case\">").append(Html.esc(o.useCase().key()))
                .append("</span></caption><thead><tr><th scope=\"col\" class=\"num\" data-type=\"number\">#</th><th scope=\"col\">Model</th>")
                .append("<th scope=\"col\">Quant</th><th scope=\"col\" class=\"num\" data-type=\"number\">Context</th>")
                .append("<th scope=\"col\" class=\"num\" data-type=\"number\">Memory</th><th scope=\"col\">Runs on</th>")
                .append("<th scope=\"col\">Engine</th><th scope=\"col\" class=\"num\" data-type=\"number\">Tokens/s</th>")
                .append("<th scope=\"col\" class=\"num\" data-type=\"number\">Score</th></tr></thead><tbody>");
        int i = 1;
        for (RankedResult r : results) {
            sb.append("<tr><td class=\"num\" data-sort=\"").append(i).append("\">").append(i++).append("</td><td><a href=\"")
                    .append(Html.esc(hw.carry(Html.modelHref(r.model())))).append("\">").append(Html.esc(r.name()))
                    .append("</a></td><td>").append(Html.esc(r.quant())).append("</td><td class=\"num\" data-sort=\"")
                    .append(r.context()).append("\">").append(Html.ctx(r.context())).append("</td><td class=\"num\" data-sort=\"")
                    .append(r.totalBytes()).append("\">").append(Html.gib(r.totalBytes())).append("</td><td>")
                    .append(Html.badge(r.fit().key())).append("</td><td>").append(Html.esc(r.engine()))
                    .append("</td><td class=\"num\">").append(Html.num(r.decodeTokensPerS())).append("</td><td class=\"num\" title=\"")
                    .append(Html.esc(scoreParts(r))).append("\">").append(Html.num(r.score())).append("</td></tr>");
        }
        if (results.isEmpty()) {
            sb.append("<tr><td colspan=\"9\">Nothing in the catalog fits these constraints.</td></tr>");
        }
        return sb.append("</tbody></table></div>").toString();
    }
}
