package dev.runyard.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.BadAnswerException;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.remote.RepoAccessDenied;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.HubDocument;
import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.catalog.Checkpoint;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.ModelArchitecture;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Any Hugging Face repository on demand: a repo id that is not in the catalog is read from the Hub
 * ({@code config.json}, with its {@code quantization_config}, then its safetensors index and headers by range
 * requests: {@link HubCheckpoint}) and planned like a catalog model with no artifacts but its own checkpoint, whose
 * plans that load it as stored take their weights from the tensors its headers list. A repo of GGUF files only is
 * read by the header of one file ({@link HubGguf}) and planned like a local {@code --gguf} file. The Hub is {@code --hub-url}, else {@code RUNYARD_HF_ENDPOINT}, else {@code HF_ENDPOINT} (as
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
     * The model read from the Hub, or empty when the Hub has no such repo. What was read is kept in the store
     * ({@link HubDocument}: the text, its URL and when it was read), so the next lookup of the same repo on the same
     * Hub needs no network and works offline; {@code refresh} reads the Hub again. Fails in one line when the repo is
     * gated or private and the token does not open it, when the Hub cannot be reached and nothing is kept, or when it
     * answers something that is not a config or a GGUF header.
     */
    public static Optional<CatalogModel> fetch(String id, HubLookup lookup) {
        return find(id, lookup).map(HubFound::model);
    }

    /**
     * {@link #fetch}, with the GGUF file read when the repo holds GGUF files and no {@code config.json}: its header
     * gives the architecture (the model's) and the exact bytes ({@link HubFound#gguf()}).
     */
    public static Optional<HubFound> find(String id, HubLookup lookup) {
        String repo = id.trim();
        RemoteOptions options = RemoteOptions.fromEnv(name -> env(lookup.env(), name), lookup.hubUrl(),
                WaitProgress.SILENT);
        String hub = options.hub().toString().replaceAll("/+$", "");
        String path = "/" + repo + "/resolve/main/config.json";
        String url = hub + path;
        try (CatalogStore store = CatalogStore.open(lookup.db())) {
            Optional<HubDocument> kept = lookup.refresh() ? Optional.empty() : store.hubDocument(url);
            // An empty kept config: the repo was seen without one (a GGUF repo), its file list kept beside it.
            boolean keptAbsent = kept.isPresent() && kept.get().body().isEmpty();
            JsonNode config = kept.isPresent() && !keptAbsent ? parse(kept.get()) : null;
            if (config == null && !keptAbsent) {
                config = read(repo, path, options, hub).orElse(null);
                if (config != null) {
                    store.putHubDocument(HubDocument.readNow(url, repo, "config.json", config.toString()));
                }
            }
            if (config == null) {
                return gguf(repo, lookup, options, store, hub).map(g -> {
                    if (!keptAbsent) {
                        store.putHubDocument(HubDocument.readNow(url, repo, "config.json", ""));
                    }
                    return g;
                });
            }
            ModelArchitecture arch = architecture(id, repo, config);
            // The config sizes the model; the checkpoint's own headers give the bytes its plans load.
            Checkpoint checkpoint = new HubCheckpoint(repo, hub, options, store, lookup.refresh())
                    .read(arch.checkpointQuant());
            return Optional.of(new HubFound(CatalogModel.local(repo, arch).withCheckpoint(checkpoint), null));
        }
    }

    /** A repo with no config.json: its GGUF file, read by its header; empty when the Hub has no such repo. */
    private static Optional<HubFound> gguf(String repo, HubLookup lookup, RemoteOptions options, CatalogStore store,
                                           String hub) {
        HubGguf g = new HubGguf(repo, options, store, lookup.refresh());
        Optional<java.util.List<String>> paths;
        try {
            paths = g.paths();
        } catch (RepoAccessDenied e) {
            throw denied(repo, hub, e);
        } catch (HubException e) {
            throw unreachable(repo, e);
        }
        if (paths.isEmpty()) {
            return Optional.empty();
        }
        HubGgufFile file = g.read(paths.get(), lookup.ggufQuant());
        ModelArchitecture arch = ArchitectureReader.read(GgufConfig.toConfig(file.header()));
        java.util.Map<String, String> sets = HubGguf.sets(paths.get());
        java.util.List<ArtifactFile> files = sets.entrySet().stream().map(e -> e.getKey().equals(file.quant())
                ? new ArtifactFile(e.getKey(), e.getValue(), file.fileBytes() > 0 ? file.fileBytes() : null,
                        file.fileBytes() > 0, file.parts())
                : new ArtifactFile(e.getKey(), e.getValue(), null, false, null)).toList();
        ArtifactRepo listing = new ArtifactRepo(repo, "GGUF", null, files, true, g.listingUrl());
        return Optional.of(new HubFound(CatalogModel.local(repo, arch).withArtifacts(java.util.List.of(listing)), file));
    }

    /** One line for a gated or private repo: that it exists, and what opens it. */
    static RunyardException denied(String repo, String hub, RepoAccessDenied e) {
        String page = hub + "/" + repo;
        String what = e.gated() ? "is gated" : "is gated or private";
        if (!e.tokenSent()) {
            return new RunyardException(RunyardException.Kind.RUNTIME, repo + " " + what + " on the Hub (HTTP "
                    + e.status() + ") and HF_TOKEN is not set", "set HF_TOKEN to a Hugging Face access token and"
                    + " accept the licence on " + page, e);
        }
        return new RunyardException(RunyardException.Kind.RUNTIME, repo + " " + what + " on the Hub and the HF_TOKEN"
                + " sent does not open it (HTTP " + e.status() + ")", "accept the licence on " + page
                + " with the token's account, or use a token that can read the repo", e);
    }

    private static RunyardException unreachable(String repo, HubException e) {
        return new RunyardException(RunyardException.Kind.RUNTIME, repo + " is not in the catalog and the Hub cannot"
                + " be reached (" + e.getMessage() + ")", "check the network or --hub-url, or pass --config config.json");
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

    /** The repo's config.json from the Hub; empty when the Hub has none (a gated or private repo fails in one line). */
    private static Optional<JsonNode> read(String repo, String path, RemoteOptions options, String hubUrl) {
        HubClient hub = new HubClient(new HttpFetcher(options));
        Optional<JsonNode> config;
        try {
            config = hub.getRepoJson(path, MAX_CONFIG_BYTES);
        } catch (BadAnswerException e) {
            throw RunyardException.badInput(repo + ": the Hub's config.json cannot be read (" + e.getMessage() + ")",
                    "estimate it from a local copy with --config config.json");
        } catch (RepoAccessDenied e) {
            throw denied(repo, hubUrl, e);
        } catch (HubException e) {
            throw unreachable(repo, e);
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
