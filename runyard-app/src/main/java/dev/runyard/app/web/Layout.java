package dev.runyard.app.web;

import java.util.List;

/**
 * The page frame every page shares: a header with navigation, model search and the machine the pages are about (kept
 * across pages in each link's query), the saved-rig select, the "save a rig" form and the scripts.
 */
final class Layout {
    private static final String[][] NAV = {{"/", "Finder"}, {"/radar", "Radar"}, {"/compare", "Compare"}, {"/search", "Models"}};

    private Layout() {
    }

    /** {@code hw} may be null (a page about no hardware); {@code machine} is its description when resolved. */
    static String page(String title, String path, List<Rig> rigs, HardwareQuery hw, String machine, String main) {
        StringBuilder sb = new StringBuilder(8192 + main.length());
        head(sb, title);
        header(sb, path, hw, machine);
        sb.append("<main id=\"main\">").append(main).append("</main><footer>");
        sb.append(rigSelect(path, rigs, hw == null ? null : hw.rig()));
        sb.append("<details><summary>Save a rig</summary><form method=\"post\" action=\"/rigs\" class=\"row\">")
                .append("<label for=\"rig-name\">Name</label><input id=\"rig-name\" name=\"name\" required maxlength=\"60\">")
                .append("<label for=\"rig-gpu\">GPU</label><input id=\"rig-gpu\" name=\"gpu\" list=\"gpu-list\" placeholder=\"2x RTX 3090\" maxlength=\"100\">")
                .append("<label for=\"rig-ram\">RAM (GiB)</label><input id=\"rig-ram\" name=\"ram\" type=\"number\" min=\"1\" max=\"65536\" step=\"any\">")
                .append("<button type=\"submit\">Save rig</button></form></details>")
                .append("<p>Memory: llama.cpp's, vLLM's and the other engines' own allocation rules (docs/estimates.md);")
                .append(" speed: a calibrated model with its error published (docs/accuracy.md). Data: the bundled catalog, each")
                .append(" fact with its source. <a href=\"/api/v1/openapi.json\">JSON API</a>.</p>")
                .append("</footer><script src=\"/static/app.js\" defer></script></body></html>\n");
        return sb.toString();
    }

    private static void head(StringBuilder sb, String title) {
        sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"color-scheme\" content=\"light dark\">")
                .append("<title>").append(Html.esc(title)).append(" · Runyard</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Runyard release radar\" href=\"/radar.atom\">")
                .append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>");
    }

    /** Brand, navigation (each link keeps the hardware), search, and the current machine with a way to change it. */
    private static void header(StringBuilder sb, String path, HardwareQuery hw, String machine) {
        sb.append("<header class=\"site\"><div class=\"wrap\"><a class=\"brand\" href=\"")
                .append(Html.esc(hw == null ? "/" : hw.carry("/"))).append("\">Runyard</a><nav aria-label=\"Main\">");
        for (String[] n : NAV) {
            boolean here = n[0].equals("/") ? path.equals("/") : path.startsWith(n[0]);
            sb.append("<a href=\"").append(Html.esc(hw == null ? n[0] : hw.carry(n[0]))).append("\"")
                    .append(here ? " aria-current=\"page\"" : "").append(">").append(n[1]).append("</a>");
        }
        sb.append("</nav>");
        searchForm(sb, hw);
        if (machine != null) {
            sb.append("<span class=\"hw-chip\" id=\"hw-chip\">Hardware: <strong>").append(Html.esc(machine))
                    .append("</strong> <a href=\"").append(Html.esc(hw == null ? "/" : hw.carry("/"))).append("#finder\">change</a></span>");
        }
        sb.append("</div></header>");
    }

    /** The model search box; hidden fields carry the hardware to the results and on to the model pages. */
    static void searchForm(StringBuilder sb, HardwareQuery hw) {
        sb.append("<form class=\"search\" role=\"search\" method=\"get\" action=\"/search\">")
                .append("<label for=\"site-q\" class=\"visually-hidden\">Search models</label>")
                .append("<input id=\"site-q\" name=\"q\" type=\"search\" maxlength=\"100\" autocomplete=\"off\" ")
                .append("placeholder=\"Search models: qwen 27b, v4 flash\" aria-controls=\"site-q-list\" aria-autocomplete=\"list\">");
        if (hw != null) {
            for (String kv : hw.query().split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    sb.append("<input type=\"hidden\" name=\"").append(Html.esc(kv.substring(0, eq))).append("\" value=\"")
                            .append(Html.esc(java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8)))
                            .append("\">");
                }
            }
        }
        sb.append("<button type=\"submit\">Search</button></form>");
    }

    private static String rigSelect(String path, List<Rig> rigs, String currentRig) {
        StringBuilder sb = new StringBuilder("<form class=\"rigs\" method=\"get\" action=\"").append(Html.esc(path))
                .append("\"><label for=\"rig-select\">Saved rig</label><select id=\"rig-select\" name=\"rig\" data-autosubmit>")
                .append(Html.opt("", rigs.isEmpty() ? "none saved yet" : "choose…", currentRig == null));
        for (Rig r : rigs) {
            String label = r.name() + " (" + (r.gpu() == null ? "CPU" : r.gpu())
                    + (r.ramGb() == null ? "" : ", " + Html.num(r.ramGb()) + " GiB RAM") + ")";
            sb.append(Html.opt(r.name(), label, r.name().equalsIgnoreCase(String.valueOf(currentRig))));
        }
        return sb.append("</select><button type=\"submit\">Use rig</button></form>").toString();
    }

    /** An error page keeps the frame (navigation, search) so a bad link is never a dead end; it reads no store. */
    static String errorPage(int status, String error, String detail) {
        StringBuilder sb = new StringBuilder(4096);
        head(sb, status + " " + error);
        header(sb, "/error", null, null);
        sb.append("<main id=\"main\"><h1>").append(Html.esc(error)).append("</h1><p>").append(Html.esc(detail))
                .append("</p><p class=\"muted\">HTTP ").append(status).append(". Search for a model above, or go back to ")
                .append("<a href=\"/\">the finder</a>.</p></main><script src=\"/static/app.js\" defer></script></body></html>\n");
        return sb.toString();
    }
}
