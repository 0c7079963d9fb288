package dev.runyard.app.web;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.UseCase;
import java.util.List;
import java.util.Map;

/** A GPU's page: its facts, the best model per use case on it, and the general ranking. */
final class GpuPage {
    private GpuPage() {
    }

    static String main(Accelerator a, Double memory, HardwareQuery hw, MachineResolver.Resolved machine,
                       Map<UseCase, RankedResult> bestPerUseCase, List<RankedResult> general) {
        StringBuilder sb = new StringBuilder("<h1>").append(Html.esc(a.vendor().displayName())).append(' ')
                .append(Html.esc(a.name())).append("</h1><dl class=\"facts\">");
        sb.append("<dt>Memory</dt><dd>").append(Html.esc(String.join(" or ", a.memoryGbOptions().stream()
                .map(Html::num).toList()))).append(" GB</dd><dt>Bandwidth</dt><dd>").append(Html.num(a.bandwidthGbs())).append(" GB/s</dd>");
        if (a.fp16Tflops() > 0) {
            sb.append("<dt>FP16</dt><dd>").append(Html.num(a.fp16Tflops())).append(" TFLOPS</dd>");
        }
        sb.append("<dt>Architecture</dt><dd>").append(Html.esc(a.architecture())).append("</dd>");
        if (a.sourceUrl() != null && a.sourceUrl().startsWith("http")) {
            sb.append("<dt>Source</dt><dd><a href=\"").append(Html.esc(a.sourceUrl())).append("\" rel=\"noopener\">vendor data</a></dd>");
        }
        sb.append("</dl><form method=\"get\" class=\"grid\">");
        if (a.memoryGbOptions().size() > 1) {
            // Macs and some cards come in several sizes; the size is the machine.
            sb.append("<div class=\"field\"><label for=\"memory\">").append(a.unifiedMemory() ? "Unified memory" : "Memory")
                    .append(" (GB)</label><select id=\"memory\" name=\"memory\">")
                    .append(Html.opt("", "smallest (" + Charts.fmt(a.memoryGbOptions().get(0)) + ")", memory == null));
            for (double o : a.memoryGbOptions()) {
                sb.append(Html.opt(Charts.fmt(o), Charts.fmt(o), memory != null && Math.abs(o - memory) < 0.01));
            }
            sb.append("</select></div>");
        }
        sb.append("<div class=\"field\"><label for=\"gpus\">GPU count</label>")
                .append("<input id=\"gpus\" name=\"gpus\" type=\"number\" min=\"1\" max=\"1024\" value=\"")
                .append(hw.gpus() == null ? "" : hw.gpus()).append("\"></div>")
                .append("<div class=\"field\"><label for=\"ram\">RAM (GiB)</label><input id=\"ram\" name=\"ram\" type=\"number\" ")
                .append("min=\"1\" max=\"65536\" step=\"any\" value=\"").append(hw.ramGib() == null ? "" : Html.num(hw.ramGib()))
                .append("\"></div><div class=\"field\"><button type=\"submit\">Update</button></div></form>");
        for (String w : machine.warnings()) {
            sb.append("<p class=\"warning\">").append(Html.esc(w)).append("</p>");
        }
        sb.append("<section><h2>Best per use case on ").append(Html.esc(machine.description()))
                .append("</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Best per use case\"><table id=\"best\"><thead><tr><th scope=\"col\">Use case</th><th scope=\"col\">Model</th>")
                .append("<th scope=\"col\">Quant</th><th scope=\"col\">Context</th><th scope=\"col\">Tokens/s</th></tr></thead><tbody>");
        for (Map.Entry<UseCase, RankedResult> e : bestPerUseCase.entrySet()) {
            RankedResult r = e.getValue();
            sb.append("<tr><td>").append(Html.esc(e.getKey().key())).append("</td>");
            if (r == null) {
                sb.append("<td colspan=\"4\">nothing fits</td></tr>");
                continue;
            }
            sb.append("<td><a href=\"").append(Html.esc(hw.carry(Html.modelHref(r.model())))).append("\">").append(Html.esc(r.name()))
                    .append("</a></td><td>").append(Html.esc(r.quant())).append("</td><td>").append(Html.ctx(r.context()))
                    .append("</td><td>").append(Html.num(r.decodeTokensPerS())).append("</td></tr>");
        }
        sb.append("</tbody></table></div></section><section><h2>What runs on it</h2>");
        sb.append(FinderPage.table(hw, machine, RankOptions.defaults(), general)).append("</section>");
        return sb.toString();
    }
}
