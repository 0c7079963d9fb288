package dev.runyard.app.cli;

import picocli.CommandLine.Option;

/** {@code --hub-url}: where a model id that is not in the catalog is looked up (mixin). */
public final class HubUrlOption {
    @Option(names = "--hub-url", paramLabel = "URL", description = "Hugging Face endpoint for a model that is not in "
            + "the catalog (default: $RUNYARD_HF_ENDPOINT, else $HF_ENDPOINT, else https://huggingface.co; "
            + "$HF_TOKEN opens gated repos).")
    String url;
}
