package dev.runyard.app.cli;

import dev.runyard.app.catalog.HubLookup;
import picocli.CommandLine.Option;

/**
 * {@code --hub-url} and {@code --refresh}: where a model id that is not in the catalog is looked up, and whether to
 * read it again instead of the copy the store kept (mixin).
 */
public final class HubUrlOption {
    @Option(names = "--hub-url", paramLabel = "URL", description = "Hugging Face endpoint for a model that is not in "
            + "the catalog (default: $RUNYARD_HF_ENDPOINT, else $HF_ENDPOINT, else https://huggingface.co; "
            + "$HF_TOKEN opens gated repos).")
    String url;

    @Option(names = "--refresh", description = "Read a model that is not in the catalog from the Hub again, instead "
            + "of the copy the store kept from an earlier lookup.")
    boolean refresh;

    /** {@code HF_TOKEN}, the endpoint variables and the HTTP limits, as the command line reads the environment. */
    private final java.util.function.Function<String, String> env;

    public HubUrlOption() {
        this(System::getenv);
    }

    HubUrlOption(java.util.function.Function<String, String> env) {
        this.env = env;
    }

    /** The lookup for a command whose store is {@code db} (null: the default). */
    HubLookup lookup(String db) {
        return new HubLookup(url, db, refresh, env);
    }
}
