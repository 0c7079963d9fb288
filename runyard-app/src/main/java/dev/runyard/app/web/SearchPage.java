package dev.runyard.app.web;

import dev.runyard.core.catalog.CatalogModel;
import java.util.List;

/** Model search results, or the whole catalog as one sortable table when no words are given. */
final class SearchPage {
    private SearchPage() {
    }

    static String main(String q, HardwareQuery hw, List<CatalogModel> models, int catalogSize) {
        StringBuilder sb = new StringBuilder("<h1>").append(q == null ? "All models" : "Models matching “" + Html.esc(q) + "”")
                .append("</h1><form id=\"search-form\" method=\"get\" action=\"/search\" class=\"grid\" role=\"search\">")
                .append("<div class=\"field wide\"><label for=\"q\">Search by id, name, family, organisation or size</label>")
                .append("<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"100\" value=\"").append(Html.esc(q == null ? "" : q))
                .append("\" placeholder=\"qwen 27b, v4 flash, gemma\"></div>");
        for (String kv : hw.query().split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                sb.append("<input type=\"hidden\" name=\"").append(Html.esc(kv.substring(0, eq))).append("\" value=\"")
                        .append(Html.esc(java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8)))
                        .append("\">");
            }
        }
        sb.append("<div class=\"field\"><button type=\"submit\">Search</button></div></form>");
        sb.append("<p id=\"search-count\" role=\"status\">").append(models.size()).append(q == null ? " models in the catalog."
                : models.size() == 1 ? " model of " + catalogSize + " matches." : " models of " + catalogSize + " match.");
        if (q != null && models.isEmpty()) {
            sb.append(" Every word must match a word of the model's id, name, family, organisation or size (\"27b\");")
                    .append(" try fewer words, or <a href=\"").append(Html.esc(hw.carry("/search"))).append("\">browse all</a>.");
        }
        sb.append("</p>");
        if (models.isEmpty()) {
            return sb.toString();
        }
        sb.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Models\"><table id=\"models\" class=\"sortable\"><thead><tr><th scope=\"col\">Model</th>")
                .append("<th scope=\"col\">Organisation / family</th><th scope=\"col\" class=\"num\" data-type=\"number\">Parameters</th>")
                .append("<th scope=\"col\" class=\"num\" data-type=\"number\">Active</th><th scope=\"col\">Released</th>")
                .append("<th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\" data-type=\"number\">Context</th>")
                .append("<th scope=\"col\">Licence</th><th scope=\"col\">Sized</th></tr></thead><tbody>");
        for (CatalogModel m : models) {
            sb.append("<tr><td><a href=\"").append(Html.esc(hw.carry(Html.modelHref(m.id())))).append("\">")
                    .append(Html.esc(m.name())).append("</a><br><small class=\"muted\">").append(Html.esc(m.id()))
                    .append("</small></td><td>").append(Html.esc(m.family())).append("</td>")
                    .append("<td class=\"num\" data-sort=\"").append(m.paramsTotal()).append("\">").append(Html.params(m.paramsTotal()))
                    .append("</td><td class=\"num\" data-sort=\"").append(m.paramsActive()).append("\">")
                    .append(m.paramsActive() != m.paramsTotal() ? Html.params(m.paramsActive()) : "all").append("</td><td>")
                    .append(Html.esc(m.releaseDate() == null ? "unknown" : m.releaseDate())).append("</td><td>")
                    .append(Html.esc(m.kind().key())).append("</td><td class=\"num\" data-sort=\"").append(m.contextLength()).append("\">")
                    .append(m.contextLength() > 0 ? Html.ctx(m.contextLength()) : "unknown").append("</td><td>")
                    .append(Html.esc(m.license() == null || m.license().isBlank() ? "unknown" : m.license())).append("</td><td>")
                    .append(m.arch() == null ? "no config" : "yes").append("</td></tr>");
        }
        return sb.append("</tbody></table></div>").toString();
    }
}
