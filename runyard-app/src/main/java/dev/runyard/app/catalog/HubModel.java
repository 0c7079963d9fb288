package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.BadAnswerException;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Any Hugging Face repository on demand: a repo id that is not in the catalog is read from the Hub
 * ({@code config.json}, with its {@code quantization_config}) and planned like a catalog model with no artifacts but
 * its own checkpoint. The Hub is {@code --hub-url}, else {@code RUNYARD_HF_ENDPOINT}, else {@code HF_ENDPOINT} (as
 * the Hugging Face clients read it), else huggingface.co; {@code HF_TOKEN} opens gated repos. Each repo is read once
 * per process. The system property {@code runyard.hub=off} (the test suite's) keeps the lookup offline unless a hub
 * URL is given.
 */
public final class HubModel {
    private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    /** A config.json is a few KB; a MB is far past any real one. */
    static final int MAX_CONFIG_BYTES = 1 << 20;
    private static final Map<String, CatalogModel> CACHE = new ConcurrentHashMap<>();

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
     * The model read from the Hub, or empty when the Hub has no such repo (or it is gated without a token). Fails in
     * one line when the Hub cannot be reached or answers something that is not a config.
     */
    public static Optional<CatalogModel> fetch(String id, String hubUrl) {
        String key = (hubUrl == null ? "" : hubUrl) + "|" + id;
        CatalogModel hit = CACHE.get(key);
        if (hit != null) {
            return Optional.of(hit);
        }
        RemoteOptions options = RemoteOptions.fromEnv(HubModel::env, hubUrl, WaitProgress.SILENT);
        HubClient hub = new HubClient(new HttpFetcher(options));
        Optional<JsonNode> config;
        try {
            config = hub.getJson("/" + id.trim() + "/resolve/main/config.json", MAX_CONFIG_BYTES);
        } catch (BadAnswerException e) {
            throw RunyardException.badInput(id + ": the Hub's config.json cannot be read (" + e.getMessage() + ")",
                    "estimate it from a local copy with --config config.json");
        } catch (HubException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, id + " is not in the catalog and the Hub cannot be"
                    + " reached (" + e.getMessage() + ")", "check the network or --hub-url, or pass --config config.json");
        }
        if (config.isEmpty() || !config.get().isObject()) {
            return Optional.empty();
        }
        CatalogModel m;
        try {
            m = CatalogModel.local(id.trim(), ArchitectureReader.read(HfConfig.of(config.get(), id.trim())));
        } catch (RunyardException e) {
            throw e;
        } catch (RuntimeException e) {
            throw RunyardException.badInput(id + "'s config.json does not describe a model Runyard can size ("
                    + e.getMessage() + ")", "check that it is a causal language model");
        }
        CACHE.put(key, m);
        return Optional.of(m);
    }

    /** RUNYARD_HF_ENDPOINT first (Runyard's own), then HF_ENDPOINT (the Hugging Face clients'). */
    private static String env(String name) {
        if (name.equals("RUNYARD_HF_ENDPOINT")) {
            String own = System.getenv(name);
            return own != null && !own.isBlank() ? own : System.getenv("HF_ENDPOINT");
        }
        return System.getenv(name);
    }
}
