package dev.runyard.app.web;

import dev.runyard.app.store.RadarVisit;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankedResult;
import java.time.Instant;
import java.util.List;

/**
 * The release radar page (a timeline by month, each month ranked for the machine) and its Atom feed, in the same
 * order. The page's "new since your last visit" marks are drawn here, from the visit the store answered.
 */
final class RadarPage {
    private RadarPage() {
    }

    /**
     * @param frontier the open-weight frontier chart (the same for every visitor), or ""
     * @param visit    what is new to this visitor; null when the store could not say (no marks, no note)
     */
    static String main(HardwareQuery hw, String machine, boolean fitsOnly, List<Radar.Entry> entries, String frontier,
                       RadarVisit visit) {
        StringBuilder sb = new StringBuilder("<h1>Release radar</h1><p><a href=\"")
                .append(Html.esc(atomHref(hw, fitsOnly))).append("\">Atom feed</a> (same releases, same order)</p>");
        sb.append("<form id=\"radar-form\" method=\"get\" action=\"/radar\" class=\"grid\">").append(Forms.hardware(hw))
                .append("<div class=\"field check\"><input id=\"fits\" name=\"fits\" type=\"checkbox\" value=\"1\"")
                .append(fitsOnly ? " checked" : "").append("><label for=\"fits\">Only what fits my hardware</label></div>")
                .append("<div class=\"field\"><button type=\"submit\">Show</button></div></form>");
        sb.append("<p>Fit on <strong>").append(Html.esc(machine)).append("</strong>: the newest releases by month, "
                + "each month's best for this machine first.</p>");
        int fresh = 0;
        for (Radar.Entry e : entries) {
            fresh += isNew(visit, e) ? 1 : 0;
        }
        if (visit != null) {
            sb.append("<p id=\"radar-new\" class=\"notice\">").append(note(visit, fresh)).append("</p>");
        }
        sb.append("<h2>Timeline</h2>").append(StoryCharts.timeline(entries, true));
        sb.append("<h2>Newest releases</h2><ol id=\"timeline\" class=\"timeline\">");
        String month = null;
        for (Radar.Entry e : entries) {
            CatalogModel m = e.model();
            String mo = m.releaseDate().length() >= 7 ? m.releaseDate().substring(0, 7) : m.releaseDate();
            if (!mo.equals(month)) {
                sb.append(month == null ? "" : "</ul></li>").append("<li><h2>").append(Html.esc(mo)).append("</h2><ul>");
                month = mo;
            }
            sb.append("<li data-model=\"").append(Html.esc(m.id())).append("\">")
                    .append(isNew(visit, e) ? "<span class=\"badge new\">new</span>" : "")
                    .append("<time datetime=\"").append(Html.esc(m.releaseDate())).append("\">").append(Html.esc(m.releaseDate()))
                    .append("</time> <a href=\"").append(Html.esc(hw.carry(Html.modelHref(m.id())))).append("\">").append(Html.esc(m.name()))
                    .append("</a> · ").append(Html.params(m.paramsTotal())).append(" · ").append(Html.esc(m.license()))
                    .append(" · ").append(e.best() != null ? Html.badge(e.best().fit().key()) + " " + Html.esc(plan(e.best()))
                            : m.arch() == null ? "cannot be sized (no config)" : Html.badge("does_not_fit"));
            sb.append("</li>");
        }
        sb.append(month == null ? "<li>No releases match.</li>" : "</ul></li>").append("</ol>");
        if (!frontier.isEmpty()) {
            sb.append("<h2>The open-weight frontier</h2>").append(frontier);
        }
        return sb.toString();
    }

    private static boolean isNew(RadarVisit visit, Radar.Entry e) {
        return visit != null && visit.fresh().contains(e.model().id());
    }

    private static String note(RadarVisit visit, int shown) {
        if (visit.first()) {
            return "First visit: releases added from now on will be marked new.";
        }
        String since = Html.esc(visit.previousAt().toString().substring(0, 10));
        int more = visit.fresh().size() - shown;
        return (shown == 0 ? "Nothing new" : shown + " new") + " since your last visit (" + since + ")"
                + (more > 0 ? "; " + more + " more outside this list" : "") + ".";
    }

    /** "Q4_K_M at 8K, 123 tok/s with llama.cpp": the best plan in words, as the page and the feed say it. */
    private static String plan(RankedResult best) {
        return best.quant() + " at " + Html.ctx(best.context()) + ", " + Html.num(best.decodeTokensPerS())
                + " tok/s with " + best.engine();
    }

    /** The feed of this view: the same hardware and filter. */
    static String atomHref(HardwareQuery hw, boolean fitsOnly) {
        String href = hw.carry("/radar.atom");
        return fitsOnly ? href + (href.contains("?") ? "&" : "?") + "fits=1" : href;
    }

    static String atom(String base, String machine, List<Radar.Entry> entries) {
        String updated = entries.stream().map(e -> date(e.model().releaseDate())).max(String::compareTo)
                .orElse(Instant.EPOCH.toString());
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
                .append("<title>Runyard release radar</title><subtitle>").append(Html.esc("Fit on " + machine))
                .append("</subtitle><id>").append(Html.esc(base)).append("/radar</id>")
                .append("<link rel=\"self\" href=\"").append(Html.esc(base)).append("/radar.atom\"/>")
                .append("<link href=\"").append(Html.esc(base)).append("/radar\"/><updated>").append(updated).append("</updated>")
                .append("<author><name>Runyard</name></author>");
        for (Radar.Entry e : entries) {
            CatalogModel m = e.model();
            String href = base + Html.modelHref(m.id());
            String fit = e.best() != null ? Html.fit(e.best().fit().key()) + ": " + plan(e.best())
                    : m.arch() == null ? "cannot be sized (no config)" : "does not fit";
            sb.append("<entry><title>").append(Html.esc(m.name())).append("</title><id>").append(Html.esc(href))
                    .append("</id><link href=\"").append(Html.esc(href)).append("\"/><updated>").append(date(m.releaseDate()))
                    .append("</updated><summary>").append(Html.esc(m.id() + ": " + Html.params(m.paramsTotal()) + " parameters, "
                            + (m.contextLength() > 0 ? Html.ctx(m.contextLength()) + " context, " : "") + "licence " + m.license()
                            + "; " + fit))
                    .append("</summary></entry>");
        }
        return sb.append("</feed>\n").toString();
    }

    private static String date(String d) {
        String s = d.length() == 7 ? d + "-01" : d.length() == 4 ? d + "-01-01" : d;
        return s + "T00:00:00Z";
    }
}
