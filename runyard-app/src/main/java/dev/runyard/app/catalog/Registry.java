package dev.runyard.app.catalog;

import dev.runyard.app.entry.CatalogEntry;
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

    public static List<ArtifactRepo> artifacts(String modelId, List<CatalogEntry.Repo> quantizedRepos) {
        List<ArtifactRepo> out = new ArrayList<>();
        for (CatalogEntry.Repo r : quantizedRepos) {
            Listing listing = Listing.of(r);
            String source = listing != null && listing.source() != null ? listing.source() : r.source();
            List<ArtifactFile> files = new ArrayList<>(listing == null ? List.of() : listing.files());
            boolean listed = listing != null;
            if (!listed && !r.quants().isEmpty()) {
                // An older catalog line names the repo's quants without sizes: a listing all the same.
                listed = true;
                r.quants().forEach(q -> files.add(new ArtifactFile(q, null, null, false, null)));
            }
            Integer bits = listing != null ? listing.bits() : null;
            out.add(new ArtifactRepo(r.id(), r.format(), bits, files, listed, source));
        }
        out.sort(Comparator.comparingInt((ArtifactRepo a) -> CatalogModels.rankOf(a.repo(), modelId))
                .thenComparing(a -> a.listed() ? 0 : 1).thenComparing(ArtifactRepo::repo));
        return out;
    }
}
