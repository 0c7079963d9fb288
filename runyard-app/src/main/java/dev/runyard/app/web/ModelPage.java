package dev.runyard.app.web;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.CatalogModel;
import dev.runyard.core.rank.RunCommands;
import dev.runyard.core.speed.RequestSpeed;
import java.util.List;
import java.util.Map;

/** A model's page: facts, benchmarks, lineage, the VRAM calculator, speeds on common GPUs and run commands. */
final class ModelPage {
    static final List<String> COMMON_GPUS = List.of("RTX 4090", "RTX 3090", "M3 Max", "H100");

    private ModelPage() {
    }

    /** What the page is drawn from. {@code machine} is null without hardware. */
    record Data(CatalogModel model, ModelFacts facts, HardwareQuery hw, String machine, MemoryTable.Table table, int col,
                List<String> derived, Map<String, String> knownIds) {
    }

    static String main(Data d) {
        CatalogModel m = d.model();
        ModelFacts f = d.facts();
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(m.name())).append("</h1>");
        sb.append("<dl class=\"facts\">");
        fact(sb, "Id", m.id());
        fact(sb, "Organisation", f == null ? null : f.org());
        fact(sb, "Family", m.family());
        fact(sb, "Licence", m.license() + (m.commercialOk() ? "" : " (non-commercial)"));
        fact(sb, "Released", m.releaseDate());
        fact(sb, "Parameters", Html.params(m.paramsTotal()) + (m.paramsActive() != m.paramsTotal()
                ? " total, " + Html.params(m.paramsActive()) + " active" : ""));
        fact(sb, "Context", m.contextLength() > 0 ? Html.ctx(m.contextLength()) + " tokens" : null);
        fact(sb, "Modalities", f == null ? null : String.join(", ", f.modalities()));
        if (m.arch() != null) {
            fact(sb, "Architecture", m.arch().modelType() + ", " + m.arch().layerCount() + " layers" + (m.arch().isMoe() ? ", MoE" : ""));
        }
        sb.append("</dl>");
        lineage(sb, d);
        benchmarks(sb, f);
        if (d.table() != null) {
            calculator(sb, d);
            speeds(sb, m);
            commands(sb, m);
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

    private static void lineage(StringBuilder sb, Data d) {
        ModelFacts f = d.facts();
        sb.append("<section><h2>Lineage</h2><ul id=\"lineage\">");
        sb.append("<li>Base model: ").append(link(f == null ? null : f.baseModel(), d.knownIds())).append("</li>");
        sb.append("<li>Distilled from: ").append(link(f == null ? null : f.distilledFrom(), d.knownIds())).append("</li>");
        if (!d.derived().isEmpty()) {
            sb.append("<li>Built on this model: ");
            for (int i = 0; i < d.derived().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(link(d.derived().get(i), d.knownIds()));
            }
            sb.append("</li>");
        }
        sb.append("</ul></section>");
    }

    private static String link(String id, Map<String, String> known) {
        if (id == null || id.isBlank()) {
            return "none recorded";
        }
        String canonical = known.get(id.toLowerCase(java.util.Locale.ROOT));
        return canonical == null ? Html.esc(id) : "<a href=\"" + Html.esc(Html.modelHref(canonical)) + "\">" + Html.esc(canonical) + "</a>";
    }

    private static void benchmarks(StringBuilder sb, ModelFacts f) {
        sb.append("<section><h2>Benchmarks</h2>");
        if (f == null || f.benchmarks().isEmpty()) {
            sb.append("<p>No published benchmark scores in the catalog.</p></section>");
            return;
        }
        sb.append("<table id=\"benchmarks\"><thead><tr><th scope=\"col\">Benchmark</th><th scope=\"col\">Score</th>")
                .append("<th scope=\"col\">Setting</th><th scope=\"col\">Source</th></tr></thead><tbody>");
        for (ModelFacts.Benchmark b : f.benchmarks()) {
            sb.append("<tr><td>").append(Html.esc(b.name())).append("</td><td>").append(Html.num(b.score())).append("</td><td>")
                    .append(Html.esc(b.setting())).append("</td><td>");
            if (b.source() != null && (b.source().startsWith("https://") || b.source().startsWith("http://"))) {
                sb.append("<a href=\"").append(Html.esc(b.source())).append("\" rel=\"noopener\">source</a>");
            } else {
                sb.append(Html.esc(b.source()));
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table></section>");
    }

    private static void calculator(StringBuilder sb, Data d) {
        MemoryTable.Table t = d.table();
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
        sb.append("<h3>Memory against context</h3>").append(Charts.memoryVsContext(t, d.machine()));
        sb.append("<table id=\"calc\"><caption>Total memory (llama.cpp), weights + KV cache + overhead</caption><thead><tr>")
                .append("<th scope=\"col\">Quant</th>");
        for (long c : t.contexts()) {
            sb.append("<th scope=\"col\">").append(Html.ctx(c)).append("</th>");
        }
        sb.append(t.capacityBytes() == null ? "" : "<th scope=\"col\">Max context that fits</th>").append("</tr></thead><tbody>");
        for (MemoryTable.Row r : t.rows()) {
            sb.append("<tr><th scope=\"row\">").append(Html.esc(r.quant())).append("</th>");
            for (MemoryTable.Cell c : r.cells()) {
                String cls = c.fits() == null ? "" : c.fits() ? " class=\"fits\"" : " class=\"nofit\"";
                sb.append("<td").append(cls).append(">").append(Html.gib(c.totalBytes()))
                        .append(c.fits() == null ? "" : c.fits() ? " <span>fits</span>" : " <span>too big</span>").append("</td>");
            }
            if (r.maxContext() != null) {
                sb.append("<td>").append(r.maxContext() == 0 ? "does not fit" : Html.ctx(r.maxContext())).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table></section>");
    }

    private static void speeds(StringBuilder sb, CatalogModel m) {
        sb.append("<section><h2>Speed on common GPUs</h2><table id=\"speeds\"><caption>Q4_K_M, 8K context, llama.cpp, one GPU")
                .append("</caption><thead><tr><th scope=\"col\">GPU</th><th scope=\"col\">Decode tokens/s</th>")
                .append("<th scope=\"col\">Prefill tokens/s</th></tr></thead><tbody>");
        Quant q = Quant.parse("Q4_K_M");
        for (String g : COMMON_GPUS) {
            Accelerator a = AcceleratorDatabase.bundled().find(g).orElse(null);
            if (a == null) {
                continue;
            }
            EstimateRequest req = EstimateRequest.builder(q).ctx(8192).engine(Engine.LLAMA_CPP)
                    .backend(a.vendor().equalsIgnoreCase("apple") ? "metal" : "cuda").build();
            RequestSpeed.Result s = RequestSpeed.estimate(m.arch(), req, a);
            sb.append("<tr><td><a href=\"/gpus/").append(Html.esc(Html.url(a.id()))).append("\">").append(Html.esc(a.name()))
                    .append("</a></td><td>").append(Html.num(s.atStart().decodeTokensPerS())).append("</td><td>")
                    .append(s.atStart().prefillTokensPerS() == null ? "?" : Html.num(s.atStart().prefillTokensPerS()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table><p>Speed assumes the model fits in the GPU's memory.</p></section>");
    }

    private static void commands(StringBuilder sb, CatalogModel m) {
        PlacementPlan gpu = new PlacementPlan(FitLevel.FULL_GPU, 999, 0, List.of(), List.of(), 0, 0, List.of());
        RunCommands.Settings s = new RunCommands.Settings(1, 1, 0.9, false, gpu);
        String vllmQuant = m.repos().containsKey("awq") ? "awq" : m.repos().containsKey("fp8") ? "fp8" : "bf16";
        String[][] rows = {
                {"llama.cpp", RunCommands.command(m, Quant.parse("Q4_K_M"), Engine.LLAMA_CPP, 8192, s)},
                {"Ollama", RunCommands.command(m, Quant.parse("Q4_K_M"), Engine.OLLAMA, 8192, s)},
                {"vLLM", RunCommands.command(m, Quant.parse(vllmQuant), Engine.VLLM, 8192, s)},
                {"MLX", RunCommands.command(m, Quant.parse("mlx-4bit"), Engine.MLX, 8192, s)}};
        sb.append("<section><h2>Run it</h2><ul id=\"commands\" class=\"commands\">");
        int i = 0;
        for (String[] r : rows) {
            sb.append("<li><span class=\"engine\">").append(Html.esc(r[0])).append("</span> <code id=\"cmd-").append(i)
                    .append("\">").append(Html.esc(r[1])).append("</code> <button type=\"button\" class=\"copy\" data-copy=\"cmd-")
                    .append(i).append("\" aria-label=\"Copy the ").append(Html.esc(r[0])).append(" command\">Copy</button></li>");
            i++;
        }
        sb.append("</ul></section>");
    }
}
