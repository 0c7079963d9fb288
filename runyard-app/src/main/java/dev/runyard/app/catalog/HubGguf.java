package dev.runyard.app.catalog;

import dev.runyard.app.remote.Deadline;
import dev.runyard.app.remote.GgufFileName;
import dev.runyard.app.remote.GgufHeaderFetch;
import dev.runyard.app.remote.HfRef;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.remote.RepoFiles;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.HubDocument;
import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufSplit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Hub repo of GGUF files only (no {@code config.json}), read for its exact bytes: the repo's file list, then the
 * header of the chosen quant's file by range requests (every part of a split set: the first part's metadata gives
 * the architecture, all parts' tensor infos the bytes). The list and each header are kept in the store as they are
 * read (never tensor data), so a second lookup needs no network.
 *
 * <p>Bounded like {@link HubCheckpoint}: {@value #MAX_PARTS} parts, each header under the format's limit and all
 * together under {@value #MAX_HEADER_TOTAL} bytes, {@link #DEADLINE} for the whole read besides each request's own.
 * Unlike a safetensors checkpoint there is no config to fall back to, so a header that cannot be read fails the
 * lookup in one line.
 */
final class HubGguf {
    static final int MAX_PARTS = 256;
    static final long MAX_HEADER_TOTAL = 256L << 20;
    static final Duration DEADLINE = Duration.ofSeconds(120);
    /** The quant planned when none is asked for and the repo holds several: the one most people run. */
    static final String DEFAULT_QUANT = "Q4_K_M";

    private final HfRef ref;
    private final RemoteOptions options;
    private final HttpFetcher http;
    private final CatalogStore store;
    private final boolean refresh;
    private long headerBytes;

    HubGguf(String repo, RemoteOptions options, CatalogStore store, boolean refresh) {
        String[] parts = repo.split("/", 2);
        this.ref = new HfRef(parts[0], parts[1], Optional.empty(), HfRef.DEFAULT_REVISION);
        this.options = options;
        this.http = new HttpFetcher(options.withDeadline(Deadline.after(DEADLINE, System::nanoTime,
                Deadline.describe(DEADLINE) + " for the GGUF headers")));
        this.store = store;
        this.refresh = refresh;
    }

    /** The URL the file list is read from (and kept under). */
    String listingUrl() {
        return ref.treeUri(options.hub()).toString();
    }

    /**
     * The repo's GGUF paths: kept, else listed (and kept); empty when the Hub has no such repo. Fails with
     * {@link dev.runyard.app.remote.RepoAccessDenied} when the repo is gated or private.
     */
    Optional<List<String>> paths() {
        Optional<HubDocument> kept = refresh ? Optional.empty() : store.hubDocument(listingUrl());
        if (kept.isPresent()) {
            return Optional.of(kept.get().body().lines().filter(l -> !l.isBlank()).toList());
        }
        Optional<RepoFiles> files = new HubClient(new HttpFetcher(options)).listRepo(ref);
        if (files.isEmpty()) {
            return Optional.empty();
        }
        List<String> gguf = files.get().paths().stream().filter(p -> GgufFileName.isModelGguf(p)).toList();
        store.putHubDocument(HubDocument.readNow(listingUrl(), repo(), "(file list)", String.join("\n", gguf)));
        return Optional.of(gguf);
    }

    /** The file of {@code quant} (null: the only one, else {@value #DEFAULT_QUANT}, else the first) read by its header. */
    HubGgufFile read(List<String> paths, String quant) {
        Map<String, String> sets = sets(paths);
        List<String> quants = List.copyOf(sets.keySet());
        String chosen = choose(sets, quant);
        String first = sets.get(chosen);
        String dir = first.substring(0, first.lastIndexOf('/') + 1);
        List<String> shards = GgufSplit.shardNames(first.substring(dir.length()));
        if (shards.size() > MAX_PARTS) {
            throw RunyardException.badInput(repo() + ": " + first + " is split into " + shards.size() + " parts, more"
                    + " than the limit of " + MAX_PARTS, "estimate a local copy with --gguf");
        }
        Set<String> listed = new HashSet<>(paths);
        List<GgufHeader> headers = new ArrayList<>();
        long bytes = 0;
        for (String shard : shards) {
            if (!listed.contains(dir + shard)) {
                throw RunyardException.notFound(repo() + " lists " + first + " but not its part " + dir + shard,
                        "the split set is incomplete on the Hub; pick another --quant");
            }
        }
        for (String shard : shards) {
            GgufHeaderFetch.Header h = header(dir + shard);
            headers.add(h.header());
            bytes = h.fileSize() > 0 ? Math.addExact(bytes, h.fileSize()) : bytes;
        }
        return new HubGgufFile(repo(), chosen, first, shards.size(), bytes, quants, GgufSplit.merge(headers));
    }

    /** Quant → the first path of its set (first part of a split set), quants in name order. */
    static Map<String, String> sets(List<String> paths) {
        Map<String, String> sets = new TreeMap<>();
        for (String p : paths.stream().sorted().toList()) {
            String file = p.substring(p.lastIndexOf('/') + 1);
            boolean firstOrPlain;
            try {
                firstOrPlain = GgufSplit.shardNames(file).get(0).equals(file);
            } catch (RunyardException e) {
                firstOrPlain = false;
            }
            if (firstOrPlain) {
                String q = GgufFileName.quantOfPath(p).orElse(file.substring(0, file.length() - 5));
                sets.putIfAbsent(q, p);
            }
        }
        return sets;
    }

    private String choose(Map<String, String> sets, String quant) {
        if (sets.isEmpty()) {
            throw RunyardException.notFound(repo() + " holds no config.json and no GGUF file Runyard can read",
                    "pass --config with the model's config.json, or --gguf with a local file");
        }
        Optional<String> pick = quant == null
                ? sets.size() == 1 ? sets.keySet().stream().findFirst()
                    : Optional.of(DEFAULT_QUANT).filter(q -> match(sets, q) != null).or(() -> sets.keySet().stream().findFirst())
                : Optional.ofNullable(match(sets, quant));
        return pick.map(q -> match(sets, q)).orElseThrow(() -> RunyardException.badInput(repo() + " holds no "
                + quant + " GGUF file; its quants: " + String.join(", ", sets.keySet()), "pass --quant with one of them"));
    }

    private static String match(Map<String, String> sets, String quant) {
        return sets.keySet().stream().filter(q -> new ArtifactFile(q, null, null, false, null).isQuant(quant))
                .findFirst().orElse(null);
    }

    /** One part's header: kept, else read by range (and kept). */
    private GgufHeaderFetch.Header header(String path) {
        String url = ref.withFile(path).resolveUri(options.hub()).toString();
        Optional<HubDocument> kept = refresh ? Optional.empty() : store.hubDocument(url);
        if (kept.isPresent()) {
            return GgufHeaderFetch.parse(kept.get().body(), url);
        }
        GgufHeaderFetch.Header h;
        try {
            h = GgufHeaderFetch.read(http, java.net.URI.create(url), MAX_HEADER_TOTAL - headerBytes, url);
        } catch (RunyardException e) {
            if (e.kind() != RunyardException.Kind.RUNTIME) {
                throw e;
            }
            throw new RunyardException(RunyardException.Kind.RUNTIME, repo() + ": the GGUF header of " + path
                    + " cannot be read (" + e.getMessage() + ")", "check the network or --hub-url, try again, or"
                    + " estimate a local copy with --gguf", e);
        }
        headerBytes += h.bytes();
        store.putHubDocument(HubDocument.readNow(url, repo(), path, h.text()));
        return h;
    }

    private String repo() {
        return ref.owner() + "/" + ref.repo();
    }
}
