package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.remote.BadAnswerException;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.RepoState;
import dev.runyard.app.store.StoreWriter;
import dev.runyard.app.store.Variant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Handles one listed repo: fetches its detail (and a model's config.json), checks them, and writes what the repo
 * contributes together with its progress row in one transaction, so a kill leaves either both or neither. A quantized
 * repo whose base model is not in the store yet is kept as pending and attached when the base lands.
 */
final class RepoSync {
    /** A detail with blobs lists every file; thousands of files are still well under a MB. */
    static final int MAX_DETAIL_BYTES = 16 << 20;
    /** The same cap {@code inspect} puts on a config.json. */
    static final int MAX_CONFIG_BYTES = 16 << 20;

    /** The outcome, the pending variants a new model took in (repo ids), and a warning line or null. */
    record Result(Outcome outcome, List<String> adopted, String warning) {
        Result {
            adopted = List.copyOf(adopted);
        }

        static Result of(Outcome o) {
            return new Result(o, List.of(), null);
        }
    }

    private final CatalogStore store;
    private final HubClient hub;
    /** Ids (lower case) of the models the sync must not write: bundled ones, read once per run. */
    private final Set<String> notSynced;

    RepoSync(CatalogStore store, HubClient hub) {
        this.store = store;
        this.hub = hub;
        this.notSynced = store.modelIds(Origin.BUNDLED).stream().map(id -> id.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    /** Handles {@code l}; a {@link HubException} means the Hub could not answer, and nothing was recorded. */
    Result handle(Listed l) {
        JsonNode repo;
        RepoKind kind;
        try {
            Optional<JsonNode> detail = hub.getJson("/api/models/" + l.id() + "?blobs=true", MAX_DETAIL_BYTES);
            if (detail.isEmpty()) {
                return record(l, Outcome.GONE);
            }
            repo = HubRecords.checkedDetail(detail.get(), l);
            kind = RepoClassifier.classify(repo);
        } catch (BadAnswerException | BadRecordException e) {
            return reject(l, e.getMessage());
        } catch (HubException e) {
            throw e;
        } catch (RuntimeException e) {
            // A hostile shape the checks did not foresee must not stop the run (nor be stored).
            return reject(l, "cannot read the Hub's answer: " + e);
        }
        if (kind instanceof RepoKind.Quantized q) {
            return variant(l, q);
        }
        RepoKind.Model m = (RepoKind.Model) kind;
        if (!CatalogSync.MODEL_ORGS.contains(l.author()) || notSynced.contains(l.id().toLowerCase(Locale.ROOT))) {
            return record(l, Outcome.UNCHANGED);
        }
        String warning = null;
        JsonNode config;
        try {
            config = hub.getJson("/" + l.id() + "/resolve/main/config.json", MAX_CONFIG_BYTES)
                    .filter(JsonNode::isObject).orElse(null);
        } catch (BadAnswerException e) {
            warning = l.id() + ": config.json left out: " + e.getMessage();
            config = null;
        }
        ModelRecord rec;
        try {
            rec = HubRecords.model(l, repo, config, m);
        } catch (RuntimeException e) {
            return reject(l, "cannot read the Hub's answer: " + e);
        }
        String warned = warning;
        return store.transaction(w -> {
            if (!w.sync().putModel(rec)) {
                // A model bundled since the run started (a newer jar opened the store meanwhile): never overwritten.
                putState(w, l, Outcome.UNCHANGED);
                return new Result(Outcome.UNCHANGED, List.of(), warned);
            }
            List<String> adopted = w.sync().adoptPending(rec.id());
            putState(w, l, Outcome.MODEL);
            return new Result(Outcome.MODEL, adopted, warned);
        });
    }

    private Result variant(Listed l, RepoKind.Quantized q) {
        if (q.baseModel() == null) {
            return record(l, Outcome.NO_BASE);
        }
        return store.transaction(w -> {
            Optional<ModelRecord> base = w.reader().model(q.baseModel());
            if (base.isEmpty()) {
                w.sync().putRepoState(new RepoState(l.id(), l.lastModified(), l.sha(), Outcome.PENDING.label(),
                        q.baseModel(), q.format(), q.quants(), q.listing()));
                return Result.of(Outcome.PENDING);
            }
            w.sync().putVariant(base.get().id(), new Variant(l.id(), q.format(), q.quants(),
                    "https://huggingface.co/" + l.id(), Origin.SYNC, q.listing()));
            w.sync().putRepoState(new RepoState(l.id(), l.lastModified(), l.sha(), Outcome.VARIANT.label(),
                    base.get().id(), q.format(), q.quants(), q.listing()));
            return Result.of(Outcome.VARIANT);
        });
    }

    private Result reject(Listed l, String why) {
        Result r = record(l, Outcome.REJECTED);
        return new Result(r.outcome(), r.adopted(), "skipped " + l.id() + ": " + why);
    }

    /** Records an outcome that writes nothing else, so later runs skip this revision of the repo. */
    private Result record(Listed l, Outcome o) {
        store.inTransaction(w -> putState(w, l, o));
        return Result.of(o);
    }

    private static void putState(StoreWriter w, Listed l, Outcome o) {
        w.sync().putRepoState(RepoState.of(l.id(), l.lastModified(), l.sha(), o.label()));
    }
}
