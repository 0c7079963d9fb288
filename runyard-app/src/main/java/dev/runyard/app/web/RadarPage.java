package dev.runyard.app.web;

import dev.runyard.core.catalog.CatalogModel;
import java.time.Instant;
import java.util.List;

/** The release radar page (a timeline by month) and its Atom feed. */
final class RadarPage {
    private RadarPage() {
    }

    static String main(HardwareQuery hw, String machine, boolean fitsOnly, List<Radar.Entry> entries, List<CatalogModel> all) {
        StringBuilder sb = new StringBuilder("<h1>Release radar</h1><p><a href=\"/radar.atom\">Atom feed</a></p>");
        sb.append("<form id=\"radar-form\" method=\"get\" action=\"/radar\" class=\"grid\">").append(Forms.hardware(hw))
                .append("<div class=\"field check\"><input id=\"fits\" name=\"fits\" type=\"checkbox\" value=\"1\"")
                .append(fitsOnly ? " checked" : "").append("><label for=\"fits\">Only what fits my hardware</label></div>")
                .append("<div class=\"field\"><button type=\"submit\">Show</button></div></form>");
        if (machine != null) {
            sb.append("<p>Fit on <strong>").append(Html.esc(machine)).append("</strong>.</p>");
        }
        sb.append("<p id=\"radar-new\" class=\"notice\" hidden></p>");
        sb.append("<h2>Timeline</h2>").append(StoryCharts.timeline(entries, machine != null));
        sb.append("<h2>Newest releases</h2><ol id=\"timeline\" class=\"timeline\">");
        String month = null;
        for (Radar.Entry e : entries) {
            CatalogModel m = e.model();
            String mo = m.releaseDate().length() >= 7 ? m.releaseDate().substring(0, 7) : m.releaseDate();
            if (!mo.equals(month)) {
                sb.append(month == null ? "" : "</ul></li>").append("<li><h2>").append(Html.esc(mo)).append("</h2><ul>");
                month = mo;
            }
            sb.append("<li data-model=\"").append(Html.esc(m.id())).append("\"><time datetime=\"").append(Html.esc(m.releaseDate())).append("\">").append(Html.esc(m.releaseDate()))
                    .append("</time> <a href=\"").append(Html.esc(hw.carry(Html.modelHref(m.id())))).append("\">").append(Html.esc(m.name()))
                    .append("</a> · ").append(Html.params(m.paramsTotal())).append(" · ").append(Html.esc(m.license()));
            if (machine != null) {
                sb.append(" · ").append(e.best() == null ? Html.badge("does_not_fit")
                        : Html.badge(e.best().fit().key()) + " " + Html.esc(e.best().quant()) + " at " + Html.ctx(e.best().context())
                        + ", " + Html.num(e.best().decodeTokensPerS()) + " tok/s with " + Html.esc(e.best().engine()));
            }
            sb.append("</li>");
        }
        sb.append(month == null ? "<li>No releases match.</li>" : "</ul></li>").append("</ol>");
        String frontier = StoryCharts.frontier(all);
        if (!frontier.isEmpty()) {
            sb.append("<h2>The open-weight frontier</h2>").append(frontier);
        }
        return sb.toString();
    }

    static String atom(String base, List<Radar.Entry> entries) {
        String updated = entries.isEmpty() ? Instant.EPOCH.toString() : date(entries.get(0).model().releaseDate());
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .append("<title>Runyard release radar</title><id>").append(Html.esc(base)).append("/radar</id>")
                .append("<link rel=\"self\" href=\"").append(Html.esc(base)).append("/radar.atom\"/>")
                .append("<link href=\"").append(Html.esc(base)).append("/radar\"/><updated>").append(updated).append("</updated>")
                .append("<author><name>Runyard</name></author>");
        for (Radar.Entry e : entries) {
            CatalogModel m = e.model();
            String href = base + Html.modelHref(m.id());
            sb.append("<entry><title>").append(Html.esc(m.name())).append("</title><id>").append(Html.esc(href))
                    .append("</id><link href=\"").append(Html.esc(href)).append("\"/><updated>").append(date(m.releaseDate()))
                    .append("</updated><summary>").append(Html.esc(m.id() + ": " + Html.params(m.paramsTotal()) + " parameters, "
                            + (m.contextLength() > 0 ? Html.ctx(m.contextLength()) + " context, " : "") + "licence " + m.license()))
                    .append("</summary></entry>");
        }
        return sb.append("</feed>\n").toString();
    }

    private static String date(String d) {
        String s = d.length() == 7 ? d + "-01" : d.length() == 4 ? d + "-01-01" : d;
        return s + "T00:00:00Z";
    }
}
