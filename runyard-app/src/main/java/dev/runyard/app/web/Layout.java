package dev.runyard.app.web;

import java.util.List;

/** The page frame every page shares: language, navigation, the saved-rig select, the "save a rig" form, scripts. */
final class Layout {
    private Layout() {
    }

    static String page(String title, String path, List<Rig> rigs, String currentRig, String main) {
        StringBuilder sb = new StringBuilder(8192 + main.length());
        sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append(" · Runyard</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/app.css\">")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Runyard release radar\" href=\"/radar.atom\">")
                .append("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a><header>")
                .append("<nav aria-label=\"Main\"><a class=\"brand\" href=\"/\">Runyard</a> <a href=\"/\">Finder</a> ")
                .append("<a href=\"/radar\">Radar</a> <a href=\"/compare\">Compare</a> ")
                .append("<a href=\"/api/v1/openapi.json\">API</a></nav>");
        sb.append(rigSelect(path, rigs, currentRig));
        sb.append("</header><main id=\"main\">").append(main).append("</main><footer>");
        sb.append("<details><summary>Save a rig</summary><form method=\"post\" action=\"/rigs\" class=\"row\">")
                .append("<label for=\"rig-name\">Name</label><input id=\"rig-name\" name=\"name\" required maxlength=\"60\">")
                .append("<label for=\"rig-gpu\">GPU</label><input id=\"rig-gpu\" name=\"gpu\" list=\"gpu-list\" placeholder=\"2x RTX 3090\" maxlength=\"100\">")
                .append("<label for=\"rig-ram\">RAM (GiB)</label><input id=\"rig-ram\" name=\"ram\" type=\"number\" min=\"1\" max=\"65536\" step=\"any\">")
                .append("<button type=\"submit\">Save rig</button></form></details>")
                .append("<p>Estimates: llama.cpp memory model, see docs/estimates.md. Data from the bundled catalog.</p>")
                .append("</footer><script src=\"/static/app.js\" defer></script></body></html>\n");
        return sb.toString();
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

    static String errorPage(int status, String error, String detail) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · Runyard</title>"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main id=\"main\"><h1>"
                + Html.esc(error) + "</h1><p>" + Html.esc(detail) + "</p><p><a href=\"/\">Back to the finder</a></p>"
                + "</main></body></html>\n";
    }
}
