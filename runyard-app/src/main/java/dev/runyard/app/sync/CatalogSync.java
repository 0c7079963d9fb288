package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.Origin;
import dev.runyard.app.store.Variant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings new Hub repositories of tracked organisations into the store. Lists each organisation newest-first, keeps
 * what changed after the cursor, then handles them oldest-first, each model in its own transaction together with the
 * cursor, so a killed run resumes where it stopped. A repo that keeps failing is reported and left out; the cursor
 * then stays before it, so the next run tries it again.
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
    private final int limit;
    private final Listener listener;
    private boolean listedAny;

    public CatalogSync(CatalogStore store, HubClient hub, int limit, Listener listener) {
        this.store = store;
        this.hub = hub;
        this.limit = limit;
        this.listener = listener;
    }

    /** Runs one sync; {@code since} (may be null) overrides the stored cursor. */
    public SyncReport run(Instant since) {
        Instant cursor = since != null ? since : store.syncState(CURSOR).map(CatalogSync::instant).orElse(null);
        List<String> failures = new ArrayList<>();
        Map<String, JsonNode> candidates = new LinkedHashMap<>();
        boolean listedAll = list(MODEL_ORGS, "text-generation", cursor, candidates, failures)
                & list(QUANTIZER_ORGS, "gguf", cursor, candidates, failures);
        List<JsonNode> todo = new ArrayList<>(candidates.values());
        todo.sort(Comparator.comparing((JsonNode n) -> instant(n.path("lastModified").asText()))
                .thenComparing(n -> n.path("id").asText()));
        listener.started(todo.size());
        // The cursor only moves while everything before it landed; a listing failure keeps it where it was.
        boolean advance = listedAll;
        int models = 0;
        int variants = 0;
        int unchanged = 0;
        String newest = store.syncState(CURSOR).orElse(null);
        for (JsonNode item : todo) {
            String id = item.path("id").asText();
            String lastModified = item.path("lastModified").asText();
            String outcome;
            try {
                outcome = handle(id, advance ? lastModified : null);
                if (advance) {
                    newest = lastModified;
                }
            } catch (HubException e) {
                failures.add("skipped " + id + ": " + e.getMessage());
                advance = false;
                outcome = "failed";
            }
            switch (outcome) {
                case "model" -> models++;
                case "variant" -> variants++;
                case "failed" -> { }
                default -> unchanged++;
            }
            listener.done(id, outcome);
        }
        return new SyncReport(todo.size(), models, variants, unchanged, failures, newest);
    }

    private boolean list(List<String> orgs, String filter, Instant cursor, Map<String, JsonNode> out, List<String> failures) {
        boolean ok = true;
        for (String org : orgs) {
            String q = "/api/models?author=" + enc(org) + "&sort=lastModified&direction=-1&limit=" + limit
                    + "&full=true&filter=" + filter;
            try {
                for (JsonNode n : hub.getJson(q).filter(JsonNode::isArray).orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance())) {
                    String id = n.path("id").asText(n.path("modelId").asText());
                    Instant lm = instant(n.path("lastModified").asText());
                    if (!n.isObject() || !id.contains("/") || lm == null || (cursor != null && !lm.isAfter(cursor))) {
                        continue;
                    }
                    out.putIfAbsent(id, ((com.fasterxml.jackson.databind.node.ObjectNode) n.deepCopy()).put("id", id));
                }
                listedAny = true;
            } catch (HubException e) {
                if (!listedAny) {
                    // Not one listing has worked: the Hub is unreachable; stop rather than wait on every organisation.
                    throw new HubException("cannot reach the Hub: " + e.getMessage());
                }
                failures.add("cannot list " + org + ": " + e.getMessage());
                ok = false;
            }
        }
        return ok;
    }

    /** Fetches one repo and writes what it contributes, in one transaction; returns the outcome. */
    private String handle(String id, String cursorAfter) {
        Optional<JsonNode> detail = hub.getJson("/api/models/" + id + "?blobs=true");
        if (detail.isEmpty()) {
            commitCursor(cursorAfter);
            return "gone";
        }
        JsonNode repo = detail.get();
        RepoKind kind = RepoClassifier.classify(repo);
        if (kind instanceof RepoKind.Quantized q) {
            Optional<ModelRecord> base = q.baseModel() == null ? Optional.empty() : store.model(q.baseModel());
            if (base.isEmpty()) {
                commitCursor(cursorAfter);
                return "no_base";
            }
            Variant v = new Variant(id, q.format(), q.quants(), "https://huggingface.co/" + id, Origin.SYNC);
            store.inTransaction(w -> {
                w.putVariant(base.get().id(), v);
                putCursor(w, cursorAfter);
            });
            return "variant";
        }
        RepoKind.Model m = (RepoKind.Model) kind;
        String author = id.substring(0, id.indexOf('/'));
        Optional<ModelRecord> existing = store.model(id);
        if (!MODEL_ORGS.contains(author) || existing.filter(e -> e.origin() == Origin.BUNDLED).isPresent()) {
            commitCursor(cursorAfter);
            return "unchanged";
        }
        JsonNode config = hub.getJson("/" + id + "/resolve/main/config.json").filter(JsonNode::isObject).orElse(null);
        ModelRecord rec = HubRecords.model(repo, config, m);
        store.inTransaction(w -> {
            w.upsert(rec);
            putCursor(w, cursorAfter);
        });
        return "model";
    }

    private void commitCursor(String cursorAfter) {
        if (cursorAfter != null) {
            store.inTransaction(w -> w.putSyncState(CURSOR, cursorAfter));
        }
    }

    private static void putCursor(dev.runyard.app.store.StoreWriter w, String cursorAfter) {
        if (cursorAfter != null) {
            w.putSyncState(CURSOR, cursorAfter);
        }
    }

    static Instant instant(String s) {
        try {
            return s == null || s.isBlank() ? null : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
