package dev.runyard.app.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runyard.app.remote.Deadline;
import dev.runyard.app.remote.HeaderFetch;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.HubDocument;
import dev.runyard.core.catalog.Checkpoint;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.safetensors.SafetensorsFormatException;
import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsIndex;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Hub repo's safetensors checkpoint, read for its exact bytes: {@code model.safetensors.index.json} (its
 * {@code weight_map} and {@code metadata.total_size}), then the header of each shard, or of the single
 * {@code model.safetensors}, by range requests. Each document is kept in the store as it is read (the index's text,
 * each header's JSON text; never weights), so a second lookup needs no network and an interrupted one resumes.
 * A 404 is kept too, as an empty document, so a repo without safetensors is not asked again until {@code --refresh}.
 *
 * <p>Everything is bounded: {@value #MAX_SHARDS} shards, {@value #MAX_INDEX_BYTES} bytes of index,
 * {@value #MAX_HEADER_TOTAL} bytes of headers in all (each also under the format's own limit), and
 * {@link #DEADLINE} for the whole read besides each request's own. A header or index that breaks a limit or the
 * format is refused (bad input, one line); a file the Hub does not serve (404, access denied, unreachable, too slow)
 * leaves the plan to the config's estimate, and the plan says why.
 */
final class HubCheckpoint {
    static final int MAX_SHARDS = 1024;
    static final int MAX_INDEX_BYTES = 64 << 20;
    /** The largest public checkpoints' headers (100k+ tensors over 160 shards) add up to some 20 MB. */
    static final long MAX_HEADER_TOTAL = 256L << 20;
    static final Duration DEADLINE = Duration.ofSeconds(120);
    static final String SINGLE = "model.safetensors";
    private static final JsonFactory JSON = new JsonFactory();

    private final String repo;
    private final String base;
    private final HttpFetcher http;
    private final CatalogStore store;
    private final boolean refresh;
    private long headerBytes;

    /** {@code hub}: the endpoint without a trailing slash. */
    HubCheckpoint(String repo, String hub, RemoteOptions options, CatalogStore store, boolean refresh) {
        this.repo = repo;
        this.base = hub + "/" + repo + "/resolve/main/";
        this.http = new HttpFetcher(options.withDeadline(Deadline.after(DEADLINE, System::nanoTime,
                Deadline.describe(DEADLINE) + " for the checkpoint's headers")));
        this.store = store;
        this.refresh = refresh;
    }

    /** The checkpoint's headers, or why they cannot be read; throws only for a malformed or hostile answer. */
    Checkpoint read(String configQuant) {
        try {
            Optional<String> index = document(SafetensorsIndex.FILE_NAME, this::fetchIndex);
            if (index.isPresent()) {
                byte[] bytes = index.get().getBytes(StandardCharsets.UTF_8);
                Map<String, String> map = SafetensorsIndex.weightMap(bytes, url(SafetensorsIndex.FILE_NAME));
                Set<String> shards = new LinkedHashSet<>(map.values());
                if (shards.size() > MAX_SHARDS) {
                    throw new SafetensorsFormatException(url(SafetensorsIndex.FILE_NAME), -1, "weight_map",
                            shards.size() + " shard files, more than the limit of " + MAX_SHARDS);
                }
                SafetensorsHeader h = SafetensorsIndex.merge(map, shard -> header(shard).orElseThrow(() ->
                        new Unavailable("the index names " + shard + ", which the Hub does not have")),
                        url(SafetensorsIndex.FILE_NAME));
                return new Checkpoint.Read(url(SafetensorsIndex.FILE_NAME), shards.size(), h, totalSize(bytes),
                        configQuant);
            }
            Optional<SafetensorsHeader> single = header(SINGLE);
            if (single.isEmpty()) {
                return new Checkpoint.Unread("the Hub has no " + SafetensorsIndex.FILE_NAME + " or " + SINGLE
                        + " for " + repo);
            }
            return new Checkpoint.Read(url(SINGLE), 1, single.get(), null, configQuant);
        } catch (Unavailable e) {
            return new Checkpoint.Unread(e.getMessage());
        }
    }

    /** A shard's header: kept, else read by range; empty when the Hub has no such file. */
    private Optional<SafetensorsHeader> header(String file) {
        String name = url(file);
        Optional<String> kept = refresh ? Optional.empty() : store.hubDocument(name).map(HubDocument::body);
        if (kept.isPresent()) {
            return kept.get().isEmpty() ? Optional.empty() : Optional.of(HeaderFetch.parse(kept.get(), name));
        }
        Optional<HeaderFetch.Header> got = fetch(() -> HeaderFetch.read(http, URI.create(name),
                MAX_HEADER_TOTAL - headerBytes, name));
        store.putHubDocument(HubDocument.readNow(name, repo, file, got.map(HeaderFetch.Header::json).orElse("")));
        got.ifPresent(g -> headerBytes += g.bytes());
        return got.map(HeaderFetch.Header::header);
    }

    /** A whole document (the index): kept, else read and kept; empty when the Hub has none (kept as such too). */
    private Optional<String> document(String file, java.util.function.Supplier<String> read) {
        String name = url(file);
        Optional<String> kept = refresh ? Optional.empty() : store.hubDocument(name).map(HubDocument::body);
        if (kept.isPresent()) {
            return kept.filter(b -> !b.isEmpty());
        }
        Optional<String> got = fetch(read::get);
        store.putHubDocument(HubDocument.readNow(name, repo, file, got.orElse("")));
        return got;
    }

    private String fetchIndex() {
        URI uri = URI.create(url(SafetensorsIndex.FILE_NAME));
        byte[] b = http.get(uri, null, (r, body) -> {
            long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > MAX_INDEX_BYTES) {
                throw new SafetensorsFormatException(uri.toString(), -1, "index", declared + " bytes is more than the"
                        + " limit of " + MAX_INDEX_BYTES);
            }
            return body.readAll(MAX_INDEX_BYTES);
        });
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Runs one read: its value; empty on 404/410 (the Hub has no such file); {@link Unavailable} when the Hub cannot
     * serve it now (access denied, unreachable, out of time); bad input (a malformed or hostile answer) passes through.
     */
    private static <T> Optional<T> fetch(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (RunyardException e) {
            if (e.kind() == RunyardException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            if (e.kind() == RunyardException.Kind.BAD_INPUT) {
                throw e;
            }
            throw new Unavailable("the Hub's safetensors headers cannot be read (" + e.getMessage() + ")");
        }
    }

    /** The index's {@code metadata.total_size}, or null when it has none (read as a stream: indexes reach MBs). */
    static Long totalSize(byte[] index) {
        try (JsonParser p = JSON.createParser(index)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("metadata") && v == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = p.currentName();
                        JsonToken t = p.nextToken();
                        if (k.equals("total_size") && (t == JsonToken.VALUE_NUMBER_INT
                                || t == JsonToken.VALUE_NUMBER_FLOAT)) {
                            // Some writers emit 16000000000.0; a count past 2^63 is no size.
                            long n = t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType
                                    .BIG_INTEGER ? -1 : t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue()
                                    : (long) p.getDoubleValue();
                            return n > 0 ? n : null;
                        }
                        p.skipChildren();
                    }
                    return null;
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null; // the weight map parse has already said what is wrong with it
        }
        return null;
    }

    private String url(String file) {
        return base + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The Hub cannot serve the checkpoint now: the plan falls back to the config, with this as its warning. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
