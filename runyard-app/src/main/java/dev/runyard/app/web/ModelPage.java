package dev.runyard.app.web;

import dev.runyard.app.api.CalcTable;
import dev.runyard.app.catalog.ModelFacts;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.plan.RunPlan;
import java.util.List;
import java.util.Map;

/** A model's page: facts, benchmarks, lineage, the VRAM calculator, speeds on common GPUs and run commands. */
final class ModelPage {
    private ModelPage() {
    }

    /** What the page is drawn from. {@code machine} is null without hardware. */
    record Data(CatalogModel model, ModelFacts facts, HardwareQuery hw, String machine, CalcTable.Table table,
                CalcTable.Table curve, int col,
                List<String> derived, Map<String, String> knownIds, Map<String, List<ModelFacts.Edge>> parentsOf,
                List<EngineTable.Row> engines,
                List<RankService.GpuPlan> speeds,
                List<RankService.EnginePlan> commands) {
    }

    static String main(Data d) {
        CatalogModel m = d.model();
        ModelFacts f = d.facts();
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(m.name())).append("</h1>");
        sb.append("<dl class=\"facts\">");
        fact(sb, "Id", m.id());
        fact(sb, "Organisation", f == null ? null : f.org());
        fact(sb, "Family", m.family());
        fact(sb, "Licence", (m.license() == null || m.license().isBlank() ? "unknown" : m.license()) + switch (
                m.licenseClass()) {
            case PERMISSIVE -> " (permissive: commercial use without conditions)";
            case CONDITIONAL -> " (commercial use under the licence's conditions: read them)";
            case NON_COMMERCIAL -> " (non-commercial)";
            case UNKNOWN -> " (not recorded: check the repository)";
        });
        fact(sb, "Kind", m.kind().key());
        fact(sb, "Released", m.releaseDate());
        fact(sb, "Parameters", Html.params(m.paramsTotal()) + (m.paramsActive() != m.paramsTotal()
                ? " total, " + Html.params(m.paramsActive()) + " active" : ""));
        fact(sb, "Context", m.contextLength() > 0 ? Html.ctx(m.contextLength()) + " tokens" : null);
        fact(sb, "Modalities", f == null ? null : String.join(", ", f.modalities()));
        fact(sb, "Config", f == null ? null : switch (f.configStatus()) {
            case "verified" -> "read from a copy of config.json" + (f.configSource() != null
                    && f.configSource().startsWith("http") ? " (" + f.configSource() + ")" : "");
            case "unverified" -> "unverified: recalled, checked only against the published parameter count";
            case "unplaced" -> "a real config.json is known, but the estimator cannot read this architecture yet";
            default -> "none known: the model cannot be sized";
        });
        if (f != null) {
            f.unknown().forEach((field, places) -> fact(sb, "Unknown " + field.replace('_', ' '),
                    "no source found; searched " + String.join("; ", places)));
        }
        if (m.arch() != null) {
            fact(sb, "Architecture", m.arch().modelType() + ", " + m.arch().layerCount() + " layers" + (m.arch().isMoe() ? ", MoE" : ""));
        }
        sb.append("</dl>");
        lineage(sb, d);
        benchmarks(sb, f);
        if (d.table() != null) {
            calculator(sb, d);
            EngineTable.render(sb, d.engines(), EngineTable.launchNote(d.model()));
            ArtifactTable.render(sb, d.model());
            speeds(sb, d.speeds());
            commands(sb, d);
        } else {
            sb.append("<p>The catalog has no architecture for this model, so it cannot be sized.</p>");
        }
        return sb.toString();
    }

    private static void fact(StringBuilder sb, String k, String v) {
        if (v != null && !v.isBlank()) {
            sb.append("<dt>").append(Html.esc(k)).append("</dt><dd>").append(Html.esc(v)).append("</dd>");
        }
    }

    /**
     * The lineage as a tree: the model's parents (each with how it descends from them, and their own parents while
     * the catalog knows them, four levels at most), the model itself, and the catalog models built on it.
     */
    private static void lineage(StringBuilder sb, Data d) {
        ModelFacts f = d.facts();
        sb.append("<section><h2>Lineage</h2><ul id=\"lineage\" class=\"tree\">");
        List<ModelFacts.Edge> parents = f == null ? List.of() : f.parents();
        if (parents.isEmpty()) {
            sb.append("<li>No parent model recorded (a source would have to state one).</li>");
        }
        for (ModelFacts.Edge e : parents) {
            parentItem(sb, e, d, 1, new java.util.HashSet<>(List.of(d.model().id().toLowerCase(java.util.Locale.ROOT))));
        }
        sb.append("<li><strong>").append(Html.esc(d.model().id())).append("</strong> (this model)");
        if (!d.derived().isEmpty()) {
            sb.append("<ul>");
            for (String kid : d.derived()) {
                String how = d.parentsOf().getOrDefault(kid.toLowerCase(java.util.Locale.ROOT), List.of()).stream()
                        .filter(e -> e.parent().equalsIgnoreCase(d.model().id())).map(e -> e.label() + " this model")
                        .findFirst().orElse("built on this model");
                sb.append("<li>").append(link(kid, d.knownIds(), d.hw())).append(" (").append(Html.esc(how)).append(")</li>");
            }
            sb.append("</ul>");
        }
        sb.append("</li></ul></section>");
    }

    private static void parentItem(StringBuilder sb, ModelFacts.Edge e, Data d, int depth, java.util.Set<String> seen) {
        sb.append("<li>").append(Html.esc(e.label())).append(": ").append(link(e.parent(), d.knownIds(), d.hw()));
        if (e.source() != null && e.source().startsWith("https://")) {
            sb.append(" <a href=\"").append(Html.esc(e.source())).append("\" rel=\"noopener\">source</a>");
        }
        String key = e.parent().toLowerCase(java.util.Locale.ROOT);
        List<ModelFacts.Edge> up = d.parentsOf().getOrDefault(key, List.of());
        if (depth < 4 && !up.isEmpty() && seen.add(key)) {
            sb.append("<ul>");
            for (ModelFacts.Edge u : up) {
                parentItem(sb, u, d, depth + 1, seen);
            }
            sb.append("</ul>");
        }
        sb.append("</li>");
    }

    private static String link(String id, Map<String, String> known, HardwareQuery hw) {
        if (id == null || id.isBlank()) {
            return "none recorded";
        }
        String canonical = known.get(id.toLowerCase(java.util.Locale.ROOT));
        return canonical == null ? Html.esc(id) : "<a href=\"" + Html.esc(hw.carry(Html.modelHref(canonical))) + "\">" + Html.esc(canonical) + "</a>";
    }

    private static void benchmarks(StringBuilder sb, ModelFacts f) {
        sb.append("<section><h2>Benchmarks</h2>");
        if (f == null || f.benchmarks().isEmpty()) {
            sb.append("<p>No published benchmark scores in the catalog.</p></section>");
            return;
        }
        sb.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Benchmarks\"><table id=\"benchmarks\" class=\"sortable\"><thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\" class=\"num\" data-type=\"number\">Score</th>")
                .append("<th scope=\"col\">Setting</th><th scope=\"col\">Reported by</th><th scope=\"col\">Source</th></tr></thead><tbody>");
        for (ModelFacts.Benchmark b : f.benchmarks()) {
            sb.append("<tr><td>").append(Html.esc(b.name())).append("</td><td class=\"num\">").append(Html.num(b.score())).append("</td><td>")
                    .append(Html.esc(b.setting())).append("</td><td>")
                    .append(Html.esc(b.reportedBy() == null ? "not stated" : b.reportedBy())).append("</td><td>");
            if (b.source() != null && (b.source().startsWith("https://") || b.source().startsWith("http://"))) {
                sb.append("<a href=\"").append(Html.esc(b.source())).append("\" rel=\"noopener\">source</a>");
            } else {
                sb.append(Html.esc(b.source()));
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table></div></section>");
    }

    private static void calculator(StringBuilder sb, Data d) {
        CalcTable.Table t = d.table();
        sb.append("<section><h2>VRAM calculator</h2><form id=\"calc-form\" method=\"get\" class=\"grid\">")
                .append(Forms.hardware(d.hw()))
                .append("<div class=\"field\"><label for=\"calc-ctx\">Context for the bars</label><select id=\"calc-ctx\" name=\"ctx\">");
        for (int i = 0; i < t.contexts().size(); i++) {
            long c = t.contexts().get(i);
            sb.append(Html.opt(String.valueOf(c), Html.ctx(c), i == d.col()));
        }
        sb.append("</select></div><div class=\"field\"><button type=\"submit\">Update</button></div></form>");
        sb.append(d.machine() == null ? "<p>Give a GPU or RAM to see what fits.</p>"
                : "<p>Against <strong>" + Html.esc(d.machine()) + "</strong>: usable memory " + Html.gib(t.capacityBytes()) + ".</p>");
        sb.append(Charts.bars(t, d.col(), d.machine()));
        sb.append("<h3>Memory against context</h3>").append(Charts.memoryVsContext(d.curve(), d.machine()));
        sb.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Memory per quantization and context\"><table id=\"calc\"><caption>Total memory (llama.cpp), weights + KV cache + overhead</caption><thead><tr>")
                .append("<th scope=\"col\">Quant</th>");
        for (long c : t.contexts()) {
            sb.append("<th scope=\"col\">").append(Html.ctx(c)).append("</th>");
        }
        sb.append(t.capacityBytes() == null ? "" : "<th scope=\"col\">Max context that fits</th>").append("</tr></thead><tbody>");
        for (CalcTable.Row r : t.rows()) {
            sb.append("<tr><th scope=\"row\">").append(Html.esc(r.quant())).append("</th>");
            for (CalcTable.Cell c : r.cells()) {
                String cls = c.fits() == null ? "" : c.fits() ? " class=\"fits\"" : " class=\"nofit\"";
                sb.append("<td").append(cls).append(">").append(Html.gib(c.totalBytes()))
                        .append(c.fits() == null ? "" : c.fits() ? " <span>fits</span>" : " <span>too big</span>").append("</td>");
            }
            if (r.maxContext() != null) {
                sb.append("<td>").append(r.maxContext() == 0 ? "does not fit" : Html.ctx(r.maxContext())).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></div></section>");
    }

    private static void speeds(StringBuilder sb, List<RankService.GpuPlan> plans) {
        sb.append("<section><h2>Speed on common GPUs</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Speed on common GPUs\"><table id=\"speeds\" class=\"sortable\"><caption>Q4_K_M, 8K context, llama.cpp, one GPU")
                .append(" (the plan Runyard makes for that GPU)</caption><thead><tr><th scope=\"col\">GPU</th>")
                .append("<th scope=\"col\">Fit</th><th scope=\"col\" class=\"num\" data-type=\"number\">Decode tokens/s</th>")
                .append("<th scope=\"col\" class=\"num\" data-type=\"number\">Prefill tokens/s</th></tr></thead><tbody>");
        for (RankService.GpuPlan g : plans) {
            RunPlan p = g.plan();
            boolean fits = p.fits();
            sb.append("<tr><td><a href=\"/gpus/").append(Html.esc(Html.url(g.id()))).append("\">").append(Html.esc(g.name()))
                    .append("</a></td><td>").append(Html.badge(fits ? p.fit().key() : "does_not_fit"))
                    .append("</td><td class=\"num\" data-sort=\"").append(fits ? Html.num(p.decodeTokensPerS()) : "-1").append("\">")
                    .append(fits ? Html.num(p.decodeTokensPerS()) : "does not fit").append("</td><td class=\"num\">")
                    .append(fits && p.speed().prefillTokensPerS() != null ? Html.num(p.speed().prefillTokensPerS()) : "–")
                    .append("</td></tr>");
        }
        sb.append("</tbody></table></div><p>Speeds come from the same plan as the rest of the page: with layers or experts in")
                .append(" system RAM, they read those bytes at RAM speed.</p></section>");
    }

    private static void commands(StringBuilder sb, Data d) {
        sb.append("<section><h2>Run it</h2>");
        if (d.machine() == null) {
            sb.append("<p>Choose hardware above: each command is sized for a machine (quant, context, layers on the GPUs,")
                    .append(" tensor parallelism).</p></section>");
            return;
        }
        sb.append("<p>On ").append(Html.esc(d.machine())).append(":</p><ul id=\"commands\" class=\"commands\">");
        int i = 0;
        for (RankService.EnginePlan e : d.commands()) {
            sb.append("<li><span class=\"engine\">").append(Html.esc(e.engine())).append("</span> ");
            if (e.plan() == null) {
                sb.append("<span class=\"nofit\">").append(Html.esc(e.reason())).append("</span></li>");
                continue;
            }
            RunPlan p = e.plan();
            sb.append("<span>").append(Html.esc(p.quant().name() + ", " + Html.ctx(p.context()) + " context, "
                    + p.fit().key().replace('_', ' '))).append("</span><div class=\"cmd\"><pre id=\"cmd-").append(i)
                    .append("\" tabindex=\"0\" aria-label=\"").append(Html.esc(e.engine())).append(" command\"><code>")
                    .append(Html.esc(p.command().text())).append("</code></pre><button type=\"button\" class=\"copy\" data-copy=\"cmd-")
                    .append(i).append("\" aria-label=\"Copy the ").append(Html.esc(e.engine())).append(" command\">Copy</button></div>");
            sb.append("</li>");
            i++;
        }
        sb.append("</ul></section>");
        ServingTable.render(sb, d.commands());
    }
}
