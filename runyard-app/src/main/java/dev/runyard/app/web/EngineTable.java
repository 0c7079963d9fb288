package dev.runyard.app.web;

import dev.runyard.app.catalog.EngineMatrix;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The model page's "Engines" table: for each engine whether it runs the model, since which release, and the source
 * of that fact (the model's own catalog entry, else its architecture's row of the engine matrix).
 */
final class EngineTable {
    private EngineTable() {
    }

    /** One engine: {@code supported} null when no source settles it. */
    record Row(String engine, Boolean supported, String since, String source, String note) {
    }

    static List<Row> rows(CatalogModel m) {
        String type = m.arch() == null ? null : m.arch().modelType();
        List<Row> out = new ArrayList<>();
        for (EngineMatrix.Support s : EngineMatrix.bundled().of(type)) {
            Boolean merged = m.engines().get(s.engine());
            boolean ownEntry = merged != null && !merged.equals(s.supported());
            out.add(ownEntry ? new Row(s.engine(), merged, null, null, "from the model's catalog entry")
                    : new Row(s.engine(), s.supported(), s.since(), s.source(), s.note()));
        }
        return out;
    }

    /** What the sources say of the architecture's launch (which engines ran it first), or null. */
    static String launchNote(CatalogModel m) {
        return m.arch() == null ? null : EngineMatrix.bundled().launchNote(m.arch().modelType()).orElse(null);
    }

    static void render(StringBuilder sb, List<Row> rows, String launchNote) {
        sb.append("<section><h2>Engines</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Engines\"><table id=\"engines\"><thead><tr><th scope=\"col\">Engine</th>")
                .append("<th scope=\"col\">Runs it</th><th scope=\"col\">Since</th><th scope=\"col\">Source</th></tr>")
                .append("</thead><tbody>");
        for (Row r : rows) {
            String runs = r.supported() == null ? "unknown" : r.supported() ? "yes" : "no";
            sb.append("<tr><td>").append(Html.esc(label(r.engine()))).append("</td><td class=\"")
                    .append(r.supported() == null ? "unknown" : r.supported() ? "fits" : "nofit").append("\">")
                    .append(runs).append(r.note() == null ? "" : " <small>" + Html.esc(r.note()) + "</small>")
                    .append("</td><td>").append(Html.esc(r.since() == null ? "–" : r.since())).append("</td><td>");
            if (r.source() != null && r.source().startsWith("https://")) {
                sb.append("<a href=\"").append(Html.esc(r.source())).append("\" rel=\"noopener\">source</a>");
            } else {
                sb.append("–");
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table></div>");
        if (launchNote != null) {
            sb.append("<p class=\"note\">").append(Html.esc(launchNote)).append("</p>");
        }
        sb.append("</section>");
    }

    private static String label(String key) {
        return switch (Engine.parse(key)) {
            case LLAMA_CPP -> "llama.cpp";
            case OLLAMA -> "Ollama";
            case VLLM -> "vLLM";
            case SGLANG -> "SGLang";
            case MLX -> "MLX (mlx-lm)";
        };
    }
}
