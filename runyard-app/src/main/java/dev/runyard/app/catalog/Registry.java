package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.store.Listing;
import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a catalog entry's {@code quantized_repos} into the artifact registry: each repo with the files a listing
 * showed (the Hub's exact bytes after a sync, a page's rounded GB otherwise). A repo without {@code files} is known to
 * exist, but nothing may be claimed about what it holds.
 */
public final class Registry {
    private Registry() {
    }

    public static List<ArtifactRepo> artifacts(String modelId, JsonNode quantizedRepos) {
        List<ArtifactRepo> out = new ArrayList<>();
        for (JsonNode r : quantizedRepos) {
            String repo = r.path("id").asText("");
            String format = r.path("format").asText("");
            if (repo.isBlank() || format.isBlank()) {
                continue;
            }
            Listing listing = Listing.of(r);
            String source = listing != null && listing.source() != null ? listing.source() : r.path("source").asText(null);
            List<ArtifactFile> files = new ArrayList<>(listing == null ? List.of() : listing.files());
            boolean listed = listing != null;
            if (!listed && r.path("quants").isArray() && r.get("quants").size() > 0) {
                // An older catalog line names the repo's quants without sizes: a listing all the same.
                listed = true;
                r.get("quants").forEach(q -> files.add(new ArtifactFile(q.asText(), null, null, false, null)));
            }
            Integer bits = listing != null ? listing.bits() : null;
            out.add(new ArtifactRepo(repo, format, bits, files, listed, source));
        }
        out.sort(Comparator.comparingInt((ArtifactRepo a) -> CatalogModels.rankOf(a.repo(), modelId))
                .thenComparing(a -> a.listed() ? 0 : 1).thenComparing(ArtifactRepo::repo));
        return out;
    }
}
