package dev.runyard.app.web;

import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model page's "Artifacts" table: every published weight repository the registry knows, with the files a listing
 * showed and their sizes (exact bytes after a sync, a page's rounded GB otherwise), or "files not listed".
 */
final class ArtifactTable {
    private ArtifactTable() {
    }

    static void render(StringBuilder sb, CatalogModel m) {
        sb.append("<section><h2>Artifacts</h2>");
        if (m.artifacts().isEmpty()) {
            sb.append("<p id=\"artifacts-none\">No published quantized repository is in the registry. Commands use the ")
                    .append("publisher's checkpoint, or say how to convert it.</p></section>");
            return;
        }
        sb.append("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Artifacts\"><table id=\"artifacts\"><thead><tr><th scope=\"col\">Repository</th><th scope=\"col\">Format</th>")
                .append("<th scope=\"col\">Files</th><th scope=\"col\">Listing</th></tr></thead><tbody>");
        for (ArtifactRepo a : m.artifacts()) {
            sb.append("<tr><td><a href=\"https://huggingface.co/").append(Html.esc(a.repo()))
                    .append("\" rel=\"noopener\">").append(Html.esc(a.repo())).append("</a></td><td>")
                    .append(Html.esc(a.format())).append(a.bits() == null ? "" : " " + a.bits() + "-bit")
                    .append("</td><td>");
            if (!a.listed()) {
                sb.append("<small>files not listed (a catalog sync reads them from the Hub)</small>");
            } else if (a.files().isEmpty()) {
                sb.append("<small>listing shows no weight files</small>");
            } else {
                sb.append(a.files().stream().map(ArtifactTable::file).collect(Collectors.joining(", ")));
            }
            sb.append("</td><td>");
            if (a.source() != null && a.source().startsWith("https://")) {
                sb.append("<a href=\"").append(Html.esc(a.source())).append("\" rel=\"noopener\">source</a>");
            } else {
                sb.append(Html.esc(a.source() == null ? "–" : a.source()));
            }
            sb.append("</td></tr>");
        }
        sb.append("</tbody></table></div><p class=\"note\">Sizes in GB (10<sup>9</sup> bytes) as listed; ≈ marks a size read")
                .append(" from a page that rounds. A plan uses an exact size in place of its estimate.</p></section>");
    }

    private static String file(ArtifactFile f) {
        String size = f.bytes() == null ? "" : String.format(Locale.ROOT, " %s%.2f GB", f.exact() ? "" : "≈",
                f.bytes() / 1e9);
        String parts = f.parts() != null && f.parts() > 1 ? " (" + f.parts() + " parts)" : "";
        return "<span class=\"qfile\">" + Html.esc(f.quant()) + "<small>" + Html.esc(size + parts) + "</small></span>";
    }
}
