package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.HubException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lists one organisation's repos changed at or after a point, newest first, following the Hub's {@code Link} pages
 * until the listing reaches older repos or ends. Malformed entries are left out with a warning. When a page cannot
 * be read the listing is incomplete: {@link Result#floor} then says how far back it is known to be whole.
 */
final class HubListing {
    /** A listing page of up to 1000 repos with full=true is a few MB; far more is not a listing. */
    static final int MAX_PAGE_BYTES = 64 << 20;
    /** 1000 pages of the default 100 repos: far past any organisation's real churn, short of an endless listing. */
    static final int MAX_PAGES = 1000;

    /**
     * What one organisation's listing gave. {@code complete} is false when a page failed or the listing did not end;
     * everything at or after {@code floor} (the oldest entry seen, or null when none was) was listed all the same.
     */
    record Result(List<Listed> repos, boolean complete, String floor, String failure, List<String> warnings) {
        Result {
            repos = List.copyOf(repos);
            warnings = List.copyOf(warnings);
        }
    }

    private final HubClient hub;
    private final int pageSize;

    HubListing(HubClient hub, int pageSize) {
        this.hub = hub;
        this.pageSize = pageSize;
    }

    /** {@code from} null lists everything; a {@link HubException} on the first page is thrown to the caller. */
    Result list(String org, String filter, Instant from) {
        String first = "/api/models?author=" + enc(org) + "&sort=lastModified&direction=-1&limit=" + pageSize
                + "&full=true&filter=" + filter;
        List<Listed> repos = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        Optional<URI> next = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            HubClient.JsonPage p;
            try {
                p = page == 0 ? hub.getPage(first, MAX_PAGE_BYTES) : hub.getPage(next.orElseThrow(), MAX_PAGE_BYTES);
            } catch (HubException e) {
                if (page == 0) {
                    throw e;
                }
                return incomplete(repos, "cannot list " + org + " past " + repos.size() + " repos: " + e.getMessage(),
                        warnings);
            }
            JsonNode items = p.json().orElse(null);
            if (items != null && !items.isArray()) {
                return incomplete(repos, "cannot list " + org + ": the Hub's listing is not a JSON array", warnings);
            }
            boolean older = false;
            for (JsonNode n : items == null ? List.<JsonNode>of() : items) {
                Optional<Listed> l = entry(n, org, warnings);
                if (l.isPresent() && (from == null || !l.get().at().isBefore(from))) {
                    repos.add(l.get());
                }
                older |= l.isPresent() && from != null && l.get().at().isBefore(from);
            }
            next = p.next();
            // Newest first: once a page reaches repos older than the point asked for, later pages hold only older ones.
            if (older || next.isEmpty()) {
                return new Result(repos, true, null, null, warnings);
            }
            if (!seen.add(next.get())) {
                return incomplete(repos, "cannot list " + org + ": the Hub's pages loop", warnings);
            }
        }
        return incomplete(repos, "cannot list " + org + ": more than " + MAX_PAGES + " pages", warnings);
    }

    private static Result incomplete(List<Listed> repos, String failure, List<String> warnings) {
        String floor = repos.stream().min(java.util.Comparator.comparing(Listed::at)).map(Listed::lastModified)
                .orElse(null);
        return new Result(repos, false, floor, failure, warnings);
    }

    /** One listing entry, if it names a repo of {@code org} with a readable lastModified; else a warning. */
    private static Optional<Listed> entry(JsonNode n, String org, List<String> warnings) {
        String id = n.path("id").isTextual() ? n.get("id").asText() : n.path("modelId").asText(null);
        if (!n.isObject() || id == null || !HubRecords.isRepoId(id)) {
            warnings.add("skipped a listing entry of " + org + " without a valid repo id: " + HubRecords.excerpt(n));
            return Optional.empty();
        }
        if (!id.substring(0, id.indexOf('/')).equalsIgnoreCase(org)) {
            warnings.add("skipped " + id + ": listed under " + org);
            return Optional.empty();
        }
        String lastModified = n.path("lastModified").asText("");
        Instant at = CatalogSync.instant(lastModified);
        if (at == null) {
            warnings.add("skipped " + id + ": lastModified \"" + HubRecords.excerpt(n.path("lastModified"))
                    + "\" is not a timestamp");
            return Optional.empty();
        }
        String sha = n.path("sha").isTextual() && n.get("sha").asText().matches("[0-9a-f]{7,64}") ? n.get("sha").asText()
                : null;
        return Optional.of(new Listed(id, lastModified, at, sha));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
