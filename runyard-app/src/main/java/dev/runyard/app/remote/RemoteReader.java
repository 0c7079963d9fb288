package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsIndex;
import dev.runyard.core.format.safetensors.SafetensorsModel;
import dev.runyard.core.format.safetensors.SafetensorsReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a model's headers from an http(s) URL or an {@code hf:} reference: GGUF files (split sets merged like
 * {@link GgufSplit}), safetensors files or indexes (shards read by range), plus a sibling {@code config.json}.
 */
public final class RemoteReader {
    static final int MAX_CONFIG_BYTES = HfConfig.MAX_CONFIG_BYTES;
    static final int MAX_INDEX_BYTES = 64 * 1024 * 1024;

    private final HttpFetcher http;

    public RemoteReader(RemoteOptions options) {
        this.http = new HttpFetcher(options);
    }

    /** True for {@code hf:…}, {@code http://…} and {@code https://…}. */
    public static boolean isRemote(String arg) {
        String a = arg.toLowerCase(Locale.ROOT);
        return HfRef.isHf(arg) || a.startsWith("http://") || a.startsWith("https://");
    }

    /** Reads the model {@code arg} names; {@code revision} (hf: only) may be null. */
    public RemoteModel read(String arg, String revision) {
        Place place;
        if (HfRef.isHf(arg)) {
            HfRef ref = HfRef.parse(arg, revision);
            if (ref.file().isEmpty()) {
                ref = ref.withFile(new HubClient(http).list(ref).pickModel(ref.display()));
            }
            place = new Place(ref.resolveUri(http.options().hub()), ref.display(), ref);
        } else {
            if (revision != null) {
                throw RunyardException.badInput("--revision applies to hf: references only",
                        "put the revision in the URL, or use hf:OWNER/REPO/FILE --revision REV");
            }
            URI uri = parseUrl(arg);
            place = new Place(uri, HttpFetcher.display(uri), null);
        }
        return readFile(place);
    }

    private RemoteModel readFile(Place place) {
        String name = place.fileName();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".safetensors")) {
            SafetensorsHeader h = readSafetensors(place);
            return safetensors(place, h);
        }
        if (lower.endsWith(".json")) {
            byte[] index = http.get(place.uri(), null, (r, body) -> body.readAll(MAX_INDEX_BYTES));
            Map<String, String> map = SafetensorsIndex.weightMap(index, place.display());
            SafetensorsHeader h = SafetensorsIndex.merge(map, shard -> readSafetensors(place.sibling(shard)),
                    place.display());
            return safetensors(place, h);
        }
        List<String> shards = GgufSplit.shardNames(name);
        List<GgufHeader> headers = new ArrayList<>(shards.size());
        for (String shard : shards) {
            headers.add(readGguf(shards.size() == 1 ? place : place.sibling(shard)));
        }
        GgufHeader merged = GgufSplit.merge(headers);
        return new RemoteModel.Gguf(merged, shards.size(), merged.source(), http.bytesDownloaded());
    }

    private RemoteModel safetensors(Place place, SafetensorsHeader h) {
        Optional<HfConfig> config = config(place.sibling("config.json"));
        Path path = Path.of(place.fileName().replaceAll("[\\p{Cntrl}/\\\\]", "_"));
        return new RemoteModel.Safetensors(SafetensorsModel.of(path, h, config), place.display(), http.bytesDownloaded());
    }

    private GgufHeader readGguf(Place place) {
        try (HttpRangeSource src = HttpRangeSource.open(http, place.uri())) {
            return GgufReader.read(src, place.display());
        }
    }

    private SafetensorsHeader readSafetensors(Place place) {
        try (HttpRangeSource src = HttpRangeSource.open(http, place.uri(), 8 + SafetensorsReader.MAX_HEADER_BYTES)) {
            return SafetensorsReader.read(src, place.display());
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read " + place.display() + ": "
                    + e.getMessage(), "try again", e);
        }
    }

    /** The config beside the model, or empty when there is none (404). */
    private Optional<HfConfig> config(Place place) {
        try {
            byte[] json = http.get(place.uri(), null, (r, body) -> {
                if (r.statusCode() != 200) {
                    throw RunyardException.notFound("no config", null);
                }
                return body.readAll(MAX_CONFIG_BYTES);
            });
            return Optional.of(HfConfig.parse(new String(json, StandardCharsets.UTF_8), place.display()));
        } catch (RunyardException e) {
            if (e.kind() == RunyardException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static URI parseUrl(String arg) {
        URI uri;
        try {
            uri = new URI(arg.strip());
        } catch (java.net.URISyntaxException e) {
            throw RunyardException.badInput("'" + arg + "' is not a valid URL: " + e.getReason(),
                    "quote the URL and percent-encode spaces");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw RunyardException.badInput("'" + arg + "' is not an http(s) URL with a host", "pass https://host/file");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            throw RunyardException.badInput(HttpFetcher.display(uri) + " names no file",
                    "pass the URL of a .gguf, .safetensors or model.safetensors.index.json file");
        }
        return uri;
    }

    /** Where a file is, how it is shown, and how its siblings (shards, config.json) are found. */
    private record Place(URI uri, String display, HfRef ref) {
        String fileName() {
            String path = ref != null ? ref.file().orElseThrow() : uri.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        }

        Place sibling(String name) {
            URI u = uri.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            if (ref == null) {
                return new Place(u, HttpFetcher.display(u), null);
            }
            String file = ref.file().orElseThrow();
            HfRef sib = ref.withFile(file.substring(0, file.lastIndexOf('/') + 1) + name);
            return new Place(u, sib.display(), sib);
        }
    }
}
