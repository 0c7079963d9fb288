package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.BadAnswerException;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.HubDocument;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.catalog.Checkpoint;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.ModelArchitecture;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Any Hugging Face repository on demand: a repo id that is not in the catalog is read from the Hub
 * ({@code config.json}, with its {@code quantization_config}, then its safetensors index and headers by range
 * requests: {@link HubCheckpoint}) and planned like a catalog model with no artifacts but its own checkpoint, whose
 * plans that load it as stored take their weights from the tensors its headers list. The Hub is {@code --hub-url}, else {@code RUNYARD_HF_ENDPOINT}, else {@code HF_ENDPOINT} (as
 * the Hugging Face clients read it), else huggingface.co; {@code HF_TOKEN} opens gated repos. What was read is kept
 * in the store, so each repo is read once until {@code --refresh}. The system property {@code runyard.hub=off} (the test suite's) keeps the lookup offline unless a hub
 * URL is given.
 */
public final class HubModel {
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    /** A config.json is a few KB; a MB is far past any real one. */
    static final int MAX_CONFIG_BYTES = 1 << 20;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private HubModel() {
    }

    /** Whether {@code id} could name a Hub repository (owner/name). */
    public static boolean looksLikeRepo(String id) {
        return id != null && REPO_ID.matcher(id.trim()).matches();
    }

    /** Whether a lookup may go to the Hub: a hub URL was given, or the process did not turn the Hub off. */
    static boolean enabled(String hubUrl) {
        return hubUrl != null || !"off".equals(System.getProperty("runyard.hub"));
    }

    /**
     * The model read from the Hub, or empty when the Hub has no such repo (or it is gated without a token). What was
     * read is kept in the store ({@link HubDocument}: the text, its URL and when it was read), so the next lookup of
     * the same repo on the same Hub needs no network and works offline; {@code refresh} reads the Hub again. Fails
     * in one line when the Hub cannot be reached and nothing is kept, or answers something that is not a config.
     */
    public static Optional<CatalogModel> fetch(String id, HubLookup lookup) {
        String repo = id.trim();
        RemoteOptions options = RemoteOptions.fromEnv(name -> env(lookup.env(), name), lookup.hubUrl(),
                WaitProgress.SILENT);
        String hub = options.hub().toString().replaceAll("/+$", "");
        String path = "/" + repo + "/resolve/main/config.json";
        String url = hub + path;
        JsonNode config = null;
        try (CatalogStore store = CatalogStore.open(lookup.db())) {
            Optional<HubDocument> kept = lookup.refresh() ? Optional.empty() : store.hubDocument(url);
            if (kept.isPresent()) {
                config = parse(kept.get());
            }
            if (config == null) {
                config = read(repo, path, options).orElse(null);
                if (config == null) {
                    return Optional.empty();
                }
                store.putHubDocument(HubDocument.readNow(url, repo, "config.json", config.toString()));
            }
            ModelArchitecture arch = architecture(id, repo, config);
            // The config sizes the model; the checkpoint's own headers give the bytes its plans load.
            Checkpoint checkpoint = new HubCheckpoint(repo, hub, options, store, lookup.refresh())
                    .read(arch.checkpointQuant());
            return Optional.of(CatalogModel.local(repo, arch).withCheckpoint(checkpoint));
        }
    }

    private static ModelArchitecture architecture(String id, String repo, JsonNode config) {
        try {
            return ArchitectureReader.read(HfConfig.of(config, repo));
        } catch (RunyardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RunyardException.badInput(id + "'s config.json does not describe a model Runyard can size ("
                    + e.getMessage() + ")", "check that it is a causal language model");
        }
    }

    /** The repo's config.json from the Hub; empty when the Hub has none (or it is gated without a token). */
    private static Optional<JsonNode> read(String repo, String path, RemoteOptions options) {
        HubClient hub = new HubClient(new HttpFetcher(options));
        Optional<JsonNode> config;
        try {
            config = hub.getJson(path, MAX_CONFIG_BYTES);
        } catch (BadAnswerException e) {
            throw RunyardException.badInput(repo + ": the Hub's config.json cannot be read (" + e.getMessage() + ")",
                    "estimate it from a local copy with --config config.json");
        } catch (HubException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, repo + " is not in the catalog and the Hub cannot"
                    + " be reached (" + e.getMessage() + ")", "check the network or --hub-url, or pass --config config.json");
        }
        return config.filter(JsonNode::isObject);
    }

    /** A kept copy's config, or null when the copy is damaged (then the Hub is asked again). */
    private static JsonNode parse(HubDocument d) {
        try {
            JsonNode n = JSON.readTree(d.body());
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** RUNYARD_HF_ENDPOINT first (Runyard's own), then HF_ENDPOINT (the Hugging Face clients'). */
    private static String env(java.util.function.Function<String, String> env, String name) {
        if (name.equals("RUNYARD_HF_ENDPOINT")) {
            String own = env.apply(name);
            return own != null && !own.isBlank() ? own : env.apply("HF_ENDPOINT");
        }
        return env.apply(name);
    }
}
