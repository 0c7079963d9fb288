package dev.runyard.app.web;

import dev.runyard.app.api.PlanViews;
import dev.runyard.app.api.Views;
import java.util.List;

/**
 * The model page's serving table: for each vLLM/SGLang plan of "Run it", what each request decodes per second, what
 * the GPUs put out in all and the time to the first token, at 1 request, at the concurrency asked for and at the most
 * the KV pool holds. The numbers are the plan's {@code speed.serving} records, the ones {@code run}, {@code fit
 * --engine vllm} and the API return (SurfacesAgreeTest holds them equal).
 */
final class ServingTable {
    private ServingTable() {
    }

    static void render(StringBuilder sb, List<RankService.EnginePlan> plans) {
        StringBuilder rows = new StringBuilder();
        for (RankService.EnginePlan e : plans) {
            Views.Speed speed = e.plan() == null ? null : PlanViews.speed(e.plan());
            if (speed == null) {
                continue;
            }
            for (Views.Serving r : speed.serving()) {
                rows.append("<tr data-engine=\"").append(Html.esc(e.engine())).append("\"><th scope=\"row\">")
                        .append(Html.esc(e.engine())).append(", ").append(Html.esc(e.plan().quant().name()))
                        .append("</th><td class=\"num\">").append(r.concurrency()).append("</td><td class=\"num\">")
                        .append(Html.num(r.perRequestTokensPerS())).append("</td><td class=\"num\">")
                        .append(Html.num(r.aggregateTokensPerS())).append("</td><td class=\"num\">")
                        .append(Html.num(r.ttftMs())).append("</td><td class=\"num\">").append(r.promptTokens())
                        .append("</td><td>").append(Html.esc(r.bound())).append("</td></tr>");
            }
        }
        if (rows.length() == 0) {
            return;
        }
        sb.append("<section><h2>Serving throughput</h2><div class=\"table-wrap\" tabindex=\"0\" role=\"region\"")
                .append(" aria-label=\"Serving throughput\"><table id=\"serving\"><caption>vLLM and SGLang plans above,")
                .append(" at 1 request, at the concurrency asked for and at the most the KV cache holds</caption><thead><tr>")
                .append("<th scope=\"col\">Engine, quant</th><th scope=\"col\" class=\"num\">Concurrent requests</th>")
                .append("<th scope=\"col\" class=\"num\">Tokens/s per request</th><th scope=\"col\" class=\"num\">")
                .append("Tokens/s in all</th><th scope=\"col\" class=\"num\">First token, ms</th><th scope=\"col\"")
                .append(" class=\"num\">Prompt tokens</th><th scope=\"col\">Bound by</th></tr></thead><tbody>")
                .append(rows).append("</tbody></table></div><p>In all = output tokens per second under continuous")
                .append(" batching, each new request's prompt included (docs/estimates.md §7); no queueing.</p></section>");
    }
}
