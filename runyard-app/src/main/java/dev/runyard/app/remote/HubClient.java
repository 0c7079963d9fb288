package dev.runyard.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Hugging Face hub API calls we need: the file listing of a repository at a revision (paginated by Link). */
public final class HubClient {
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
    static final int MAX_PAGES = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final HttpFetcher http;

    public HubClient(HttpFetcher http) {
        this.http = http;
    }

    /** Paths of every file in the repository ({@code GET {hub}/api/models/OWNER/REPO/tree/REV}). */
    public RepoFiles list(HfRef ref) {
        List<String> paths = new ArrayList<>();
        URI page = ref.treeUri(http.options().hub());
        for (int i = 0; page != null; i++) {
            if (i == MAX_PAGES) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, ref.display() + " lists more than "
                        + MAX_PAGES + " pages of files", "name the file: hf:OWNER/REPO/FILE");
            }
            URI at = page;
            Page p = http.get(at, null, (r, body) -> {
                if (r.statusCode() != 200) {
                    throw new RunyardException(RunyardException.Kind.RUNTIME, "the hub answered HTTP " + r.statusCode()
                            + " for the file listing of " + ref.display(), "check --hub-url and --revision");
                }
                byte[] json = body.readAll(MAX_PAGE_BYTES);
                return new Page(json, r.headers().firstValue("Link").flatMap(l -> next(at, l)));
            });
            parse(p.json(), ref, paths);
            page = p.next().orElse(null);
        }
        return new RepoFiles(paths);
    }

    private static void parse(byte[] json, HfRef ref, List<String> out) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isArray()) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "the hub's file listing for " + ref.display()
                    + " is not a JSON array", "check --hub-url points at a Hugging Face endpoint");
        }
        for (JsonNode e : root) {
            if ("file".equals(e.path("type").asText()) && e.path("path").isTextual()) {
                out.add(e.path("path").asText());
            }
        }
    }

    static Optional<URI> next(URI at, String link) {
        Matcher m = NEXT.matcher(link);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            URI next = at.resolve(m.group(1));
            boolean sameHost = at.getHost() != null && at.getHost().equalsIgnoreCase(next.getHost())
                    && at.getScheme().equalsIgnoreCase(next.getScheme());
            return sameHost ? Optional.of(next) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private record Page(byte[] json, Optional<URI> next) {
    }
}
