package dev.runyard.app.sync;

import dev.runyard.app.remote.BadAnswerException;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.RepoState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings new Hub repositories of tracked organisations into the store without ever losing one. Each repo's own
 * lastModified/sha is stored in the transaction that handles it; the cursor is only the oldest point not known to be
 * finished. A run lists every organisation from that point on (inclusive, page by page to the end), skips the repos
 * whose stored revision matches, and handles the rest oldest first. A killed run resumes with exactly the repos it
 * had not committed, however many share a timestamp; a repo that keeps failing is reported, not recorded, and holds
 * the cursor at its timestamp so the next run tries it again.
 */
public final class CatalogSync {
    public static final String CURSOR = "hub_cursor";
    public static final List<String> MODEL_ORGS = List.of("deepseek-ai", "Qwen", "meta-llama", "google", "mistralai",
            "microsoft", "openai", "zai-org", "moonshotai", "MiniMaxAI", "nvidia", "ibm-granite", "allenai",
            "HuggingFaceTB", "CohereLabs", "tiiuae");
    public static final List<String> QUANTIZER_ORGS = List.of("bartowski", "unsloth", "ggml-org", "lmstudio-community");

    /** Told about progress; a listener that throws stops the run like a crash would. */
    public interface Listener {
        default void started(int candidates) {
        }

        default void done(String repoId, String outcome) {
        }
    }

    private final CatalogStore store;
    private final HubClient hub;
    private final HubListing listing;
    private final Listener listener;

    /** {@code pageSize}: repos asked for per listing page ({@code --limit}); every page is read. */
    public CatalogSync(CatalogStore store, HubClient hub, int pageSize, Listener listener) {
        this.store = store;
        this.hub = hub;
        this.listing = new HubListing(hub, pageSize);
        this.listener = listener;
    }

    /**
     * Runs one sync. {@code since} (may be null) lists from that date instead of the stored cursor and handles every
     * repo changed since, done before or not (a resync).
     */
    public SyncReport run(Instant since) {
        String stored = store.syncState(CURSOR).orElse(null);
        String from = since != null ? since.toString() : stored;
        Tally t = new Tally();
        // Bases that arrived since the last run (a newer jar's bundled models) take in the variants waiting for them.
        t.adopted(store.transaction(w -> w.sync().adoptAllPending()));
        Map<String, Listed> listed = new LinkedHashMap<>();
        List<String> unfinished = new ArrayList<>();
        boolean listedAny = false;
        for (String org : orgs()) {
            HubListing.Result r;
            try {
                r = listing.list(org, MODEL_ORGS.contains(org) ? "text-generation" : "gguf", instant(from));
                listedAny = true;
            } catch (HubException e) {
                if (!listedAny && !(e instanceof BadAnswerException)) {
                    // Not one listing has worked: the Hub is unreachable; stop rather than wait on every organisation.
                    throw new HubException("cannot reach the Hub: " + e.getMessage());
                }
                t.failures.add("cannot list " + org + ": " + e.getMessage());
                unfinished.add(from);
                continue;
            }
            t.warnings.addAll(r.warnings());
            r.repos().forEach(l -> listed.putIfAbsent(l.id(), l));
            if (!r.complete()) {
                t.failures.add(r.failure());
                unfinished.add(r.floor() != null ? r.floor() : from);
            }
        }
        Map<String, RepoState> done = since == null ? store.repoStates() : Map.of();
        List<Listed> todo = listed.values().stream()
                .filter(l -> done.get(l.id()) == null || !done.get(l.id()).sameRevision(l.lastModified(), l.sha()))
                .sorted(Comparator.comparing(Listed::at).thenComparing(Listed::id)).toList();
        RepoSync repos = new RepoSync(store, hub);
        listener.started(todo.size());
        for (Listed l : todo) {
            Outcome o;
            try {
                RepoSync.Result r = repos.handle(l);
                o = r.outcome();
                t.count(l.id(), o);
                t.adopted(r.adopted());
                if (r.warning() != null) {
                    t.warnings.add(r.warning());
                }
            } catch (HubException e) {
                t.failures.add("skipped " + l.id() + ": " + e.getMessage());
                unfinished.add(l.lastModified());
                o = Outcome.FAILED;
            }
            listener.done(l.id(), o.label());
        }
        String cursor = nextCursor(stored, since, from, unfinished, listed.values());
        if (cursor != null && !cursor.equals(stored)) {
            store.inTransaction(w -> w.putSyncState(CURSOR, cursor));
        }
        return new SyncReport(todo.size(), t.models, t.variants, t.unchanged, t.failures, cursor, t.pending.size(),
                t.rejected, t.warnings);
    }

    private static List<String> orgs() {
        List<String> all = new ArrayList<>(MODEL_ORGS);
        all.addAll(QUANTIZER_ORGS);
        return all;
    }

    /**
     * Where the next run lists from: the oldest point not finished (a failed repo's timestamp, the oldest entry of an
     * incomplete listing, or {@code from} itself when a listing gave nothing; null means the beginning), else the
     * newest repo listed. The stored cursor never moves back, and a {@code --since} later than it leaves it alone:
     * that run never listed the repos in between.
     */
    static String nextCursor(String stored, Instant since, String from, List<String> unfinished,
                             Collection<Listed> listed) {
        String next;
        if (unfinished.contains(null)) {
            next = null;
        } else if (!unfinished.isEmpty()) {
            next = unfinished.stream().min(Comparator.comparing(CatalogSync::instant)).orElseThrow();
        } else {
            next = listed.stream().max(Comparator.comparing(Listed::at)).map(Listed::lastModified).orElse(from);
        }
        Instant at = instant(stored);
        if (at != null && (since != null && since.isAfter(at) || next == null || instant(next).isBefore(at))) {
            return stored;
        }
        return next;
    }

    static Instant instant(String s) {
        try {
            return s == null || s.isBlank() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The counts of one run. */
    private static final class Tally {
        final List<String> failures = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        /** Quantized repos of this run still waiting for their base model. */
        final Set<String> pending = new HashSet<>();
        int models;
        int variants;
        int unchanged;
        int rejected;

        void count(String id, Outcome o) {
            switch (o) {
                case MODEL -> models++;
                case VARIANT -> variants++;
                case PENDING -> pending.add(id);
                case REJECTED -> rejected++;
                case FAILED -> { }
                case UNCHANGED, NO_BASE, GONE -> unchanged++;
            }
        }

        void adopted(List<String> repoIds) {
            variants += repoIds.size();
            pending.removeAll(repoIds);
        }
    }
}
