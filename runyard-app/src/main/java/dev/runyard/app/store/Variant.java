package dev.runyard.app.store;

import dev.runyard.app.entry.CatalogEntry;
import java.util.List;
import java.util.Objects;

/**
 * A quantized repository of a model (GGUF, AWQ, GPTQ, FP8, MLX …), the quantizations it offers, and the listing of
 * its files when one was read ({@code listing} null: the repo is known, its files are not).
 */
public record Variant(String repoId, String format, List<String> quants, String source, Origin origin,
                      Listing listing) {
    public Variant {
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(format, "format");
        quants = quants == null ? List.of() : List.copyOf(quants);
        origin = origin == null ? Origin.BUNDLED : origin;
    }

    public Variant(String repoId, String format, List<String> quants, String source, Origin origin) {
        this(repoId, format, quants, source, origin, null);
    }

    /** A catalog entry's repository as {@code origin} wrote it; its listing when it has {@code files}. */
    public static Variant of(CatalogEntry.Repo r, Origin origin) {
        return new Variant(r.id(), r.format(), r.quants(), r.source(), origin, Listing.of(r));
    }

    /** Back to the entry's shape (what planning's artifact registry reads). */
    public CatalogEntry.Repo toRepo() {
        List<CatalogEntry.RepoFile> files = listing == null ? null : listing.files().stream()
                .map(f -> new CatalogEntry.RepoFile(f.quant(), f.path(), f.bytes(), f.exact(), f.parts())).toList();
        return new CatalogEntry.Repo(repoId, format, quants, source, files, listing == null ? null : listing.source(),
                null, null, listing == null ? null : listing.bits(), null);
    }
}
