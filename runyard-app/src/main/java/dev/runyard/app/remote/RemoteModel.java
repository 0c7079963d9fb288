package dev.runyard.app.remote;

import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.safetensors.SafetensorsModel;

/** A model read over the network: its headers, where they came from and how many bytes that took. */
public sealed interface RemoteModel {
    /** How the source is shown: the URL without query, or {@code hf:OWNER/REPO/FILE}. */
    String source();

    /** Body bytes fetched for this model (headers, listing, config). */
    long bytesDownloaded();

    /** A GGUF file, or a split set merged from all its shards. */
    record Gguf(GgufHeader header, int shards, String source, long bytesDownloaded) implements RemoteModel {
    }

    /** A safetensors file or indexed shard set, with its config.json when there is one. */
    record Safetensors(SafetensorsModel model, String source, long bytesDownloaded) implements RemoteModel {
    }
}
