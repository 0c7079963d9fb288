package dev.runyard.app.web;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankedResult;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Models side by side: facts, benchmarks, memory at Q4_K_M / 8K, and the best fit on the chosen hardware. */
final class ComparePage {
    /** One column. {@code q4} is Q4_K_M at 8K in bytes, or null when the model cannot be sized. */
    record Column(CatalogModel model, Map<String, Double> benchmarks, Long q4, RankedResult best) {
    }

    /** An id the catalog does not know, with the closest matches the search found. */
    record Unknown(String id, List<String> suggestions) {
    }

    private ComparePage() {
    }

    static String main(String raw, HardwareQuery hw, String machine, List<Column> cols, List<Unknown> unknown) {
        StringBuilder sb = new StringBuilder("<h1>Compare models</h1><form id=\"compare-form\" method=\"get\" action=\"/compare\" class=\"grid\">")
                .append("<div class=\"field wide\"><label for=\"models\">Model ids, comma separated</label><input id=\"models\" ")
                .append("name=\"models\" maxlength=\"500\" value=\"").append(Html.esc(raw)).append("\" placeholder=\"Qwen/Qwen3-8B,google/gemma-3-12b-it\"></div>")
                .append(Forms.hardware(hw)).append("<div class=\"field\"><button type=\"submit\">Compare</button></div></form>");
        for (Unknown u : unknown) {
            sb.append("<p class=\"warning unknown-id\">Not in the catalog: <strong>").append(Html.esc(u.id())).append("</strong>");
            if (!u.suggestions().isEmpty()) {
                sb.append(". Did you mean ");
                for (int i = 0; i < u.suggestions().size(); i++) {
                    String s = u.suggestions().get(i);
                    sb.append(i == 0 ? "" : ", ").append("<a href=\"").append(Html.esc(hw.carry(Html.modelHref(s)))).append("\">")
                            .append(Html.esc(s)).append("</a>");
                }
                sb.append("?");
            }
            sb.append("</p>");
        }
        if (cols.isEmpty()) {
            return sb.append("<p>Name two or more models to compare, by id (").append("Qwen/Qwen3-8B").append(").</p>").toString();
        }
        sb.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Comparison\"><table id=\"compare\"><thead><tr><th scope=\"col\">&nbsp;</th>");
        for (Column c : cols) {
            sb.append("<th scope=\"col\"><a href=\"").append(Html.esc(hw.carry(Html.modelHref(c.model().id())))).append("\">")
                    .append(Html.esc(c.model().name())).append("</a></th>");
        }
        sb.append("</tr></thead><tbody>");
        row(sb, "Parameters", cols.stream().map(c -> Html.params(c.model().paramsTotal())).toList());
        row(sb, "Active parameters", cols.stream().map(c -> Html.params(c.model().paramsActive())).toList());
        row(sb, "Context", cols.stream().map(c -> c.model().contextLength() > 0 ? Html.ctx(c.model().contextLength()) : "?").toList());
        row(sb, "Licence", cols.stream().map(c -> c.model().license()).toList());
        row(sb, "Released", cols.stream().map(c -> c.model().releaseDate()).toList());
        row(sb, "Q4_K_M at 8K", cols.stream().map(c -> c.q4() == null ? "?" : Html.gib(c.q4())).toList());
        if (machine != null) {
            row(sb, "Best on " + machine, cols.stream().map(c -> c.best() == null ? "does not fit"
                    : c.best().quant() + " at " + Html.ctx(c.best().context()) + ", " + Html.num(c.best().decodeTokensPerS()) + " tok/s").toList());
        }
        TreeSet<String> names = new TreeSet<>();
        cols.forEach(c -> names.addAll(c.benchmarks().keySet()));
        for (String n : names) {
            row(sb, n, cols.stream().map(c -> c.benchmarks().containsKey(n) ? Html.num(c.benchmarks().get(n)) : "–").toList());
        }
        return sb.append("</tbody></table></div>").toString();
    }

    private static void row(StringBuilder sb, String label, List<String> values) {
        sb.append("<tr><th scope=\"row\">").append(Html.esc(label)).append("</th>");
        for (String v : values) {
            sb.append("<td>").append(Html.esc(v)).append("</td>");
        }
        sb.append("</tr>");
    }
}
