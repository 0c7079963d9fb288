package dev.runyard.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one Hugging Face Hub client: the file listing of a repository at a revision (paginated by Link), for
 * {@code inspect hf:…}, and JSON from the Hub API, for {@code catalog sync}. Every request goes through
 * {@link HttpFetcher}, so both share one retry policy (429 and 5xx with Retry-After or backoff) and one token rule
 * ({@code HF_TOKEN} goes to the hub's own host only, never to a host a redirect points at).
 */
public final class HubClient {
    static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
    /** JSON answers larger than this are refused (a model listing with full=true is a few MB at most). */
    static final int MAX_JSON_BYTES = 64 << 20;
    /** Gated, private or gone: {@link #getJson} answers empty rather than failing. */
    private static final Set<Integer> ABSENT = Set.of(401, 403, 404, 410);
    static final int MAX_PAGES = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final HttpFetcher http;

    public HubClient(HttpFetcher http) {
        this.http = http;
    }

    /** Paths of every file in the repository ({@code GET {hub}/api/models/OWNER/REPO/tree/REV}). */
    public RepoFiles list(HfRef ref) {
        return walk(ref, at -> http.get(at, null, (r, body) -> {
            if (r.statusCode() != 200) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, "the hub answered HTTP " + r.statusCode()
                        + " for the file listing of " + ref.display(), "check --hub-url and --revision");
            }
            JsonNode root;
            try {
                root = MAPPER.readTree(body.readAll(MAX_PAGE_BYTES));
            } catch (IOException e) {
                root = null; // parse() names the listing that is not a JSON array
            }
            return new JsonPage(Optional.of(root == null ? NullNode.getInstance() : root),
                    r.headers().firstValue("Link").flatMap(l -> next(at, l)));
        })).orElseThrow();
    }

    /**
     * {@link #list} of a repository that may not exist: empty when the Hub has no such repository (404, 410, or a
     * 401 marked {@code RepoNotFound}); {@link RepoAccessDenied} when it is gated or private.
     */
    public Optional<RepoFiles> listRepo(HfRef ref) {
        return walk(ref, at -> getPage(at, MAX_PAGE_BYTES, true));
    }

    /** Every page of a repository's file listing, up to {@link #MAX_PAGES}; empty when a page is absent. */
    private Optional<RepoFiles> walk(HfRef ref, java.util.function.Function<URI, JsonPage> fetch) {
        List<String> paths = new ArrayList<>();
        URI page = ref.treeUri(http.options().hub());
        for (int i = 0; page != null; i++) {
            if (i == MAX_PAGES) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, ref.display() + " lists more than "
                        + MAX_PAGES + " pages of files", "name the file: hf:OWNER/REPO/FILE");
            }
            JsonPage p = fetch.apply(page);
            if (p.json().isEmpty()) {
                return Optional.empty();
            }
            parse(p.json().get(), ref, paths);
            page = p.next().orElse(null);
        }
        return Optional.of(new RepoFiles(paths));
    }

    /**
     * GET {@code pathAndQuery} under the hub ({@code /api/models?author=…}) as JSON; empty on 401, 403, 404 and 410
     * (gated, private or gone). Fails with a {@link HubException} when the hub cannot answer, after the retries, and
     * with a {@link BadAnswerException} when the answer is over {@value #MAX_JSON_BYTES} bytes or not JSON.
     */
    public Optional<JsonNode> getJson(String pathAndQuery) {
        return getJson(pathAndQuery, MAX_JSON_BYTES);
    }

    /** {@link #getJson(String)} with the answer capped at {@code maxBytes}, checked while it streams in. */
    public Optional<JsonNode> getJson(String pathAndQuery, int maxBytes) {
        return getPage(uri(pathAndQuery), maxBytes).json();
    }

    /**
     * {@link #getJson(String, int)} for a file of one repository: empty only when the repository or file is gone
     * (404, 410, or a 401 the Hub marks {@code RepoNotFound}); a 401 or 403 otherwise is a gated or private repo and
     * fails with {@link RepoAccessDenied}, so that a caller can say so instead of "not on the Hub".
     */
    public Optional<JsonNode> getRepoJson(String pathAndQuery, int maxBytes) {
        return getPage(uri(pathAndQuery), maxBytes, true).json();
    }

    /** The first page of a paginated listing; {@link JsonPage#next()} names the next one. */
    public JsonPage getPage(String pathAndQuery, int maxBytes) {
        return getPage(uri(pathAndQuery), maxBytes);
    }

    /** One page of a paginated listing ({@code uri} from a previous page's {@link JsonPage#next()}). */
    public JsonPage getPage(URI uri, int maxBytes) {
        return getPage(uri, maxBytes, false);
    }

    private JsonPage getPage(URI uri, int maxBytes, boolean deniedFails) {
        try {
            return http.get(uri, null, ABSENT, (r, body) -> {
                int s = r.statusCode();
                String code = r.headers().firstValue("X-Error-Code").orElse(null);
                if (deniedFails && (s == 401 || s == 403) && !"RepoNotFound".equalsIgnoreCase(code)) {
                    throw new RepoAccessDenied(HttpFetcher.display(uri), s, code, http.options().token().isPresent());
                }
                if (ABSENT.contains(s)) {
                    return new JsonPage(Optional.empty(), Optional.empty());
                }
                long declared = r.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new BadAnswerException(HttpFetcher.display(uri) + ": answer of " + declared
                            + " bytes is larger than " + maxBytes + " bytes");
                }
                byte[] json;
                try {
                    json = body.readAll(maxBytes);
                } catch (HubException e) {
                    throw e;
                } catch (RunyardException e) {
                    throw new BadAnswerException(e.getMessage());
                }
                try {
                    return new JsonPage(Optional.of(MAPPER.readTree(json)),
                            r.headers().firstValue("Link").flatMap(l -> next(uri, l)));
                } catch (IOException e) {
                    throw new BadAnswerException(HttpFetcher.display(uri) + ": answer is not JSON");
                }
            });
        } catch (HubException | RepoAccessDenied e) {
            throw e;
        } catch (RunyardException e) {
            throw new HubException(e.getMessage(), e);
        }
    }

    private URI uri(String pathAndQuery) {
        try {
            return URI.create(http.options().hub().toString().replaceAll("/+$", "") + pathAndQuery);
        } catch (IllegalArgumentException e) {
            throw new HubException("bad Hub URL " + http.options().hub() + pathAndQuery);
        }
    }

    /** A JSON answer (empty when gated, private or gone) and the next page's URL: Link rel="next", same host only. */
    public record JsonPage(Optional<JsonNode> json, Optional<URI> next) {
    }

    private static void parse(JsonNode root, HfRef ref, List<String> out) {
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
}
