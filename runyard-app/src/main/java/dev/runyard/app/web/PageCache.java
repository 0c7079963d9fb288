package dev.runyard.app.web;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finished HTML pages, keyed by path, the query (parameters sorted, so the same question in another order hits) and
 * the saved rigs (a page shows them, and a rig's hardware can change under its name). The catalog and the planner do
 * not change while the server runs, so a page drawn once is the page; 256 pages at most, least recently used first out.
 */
final class PageCache {
    record Page(byte[] body, String etag) {
    }

    private final RigStore rigs;
    private final Map<String, Page> pages = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Page> eldest) {
            return size() > 256;
        }
    });

    PageCache(RigStore rigs) {
        this.rigs = rigs;
    }

    Page get(Context ctx) {
        return pages.get(key(ctx));
    }

    void put(Context ctx, Page p) {
        pages.put(key(ctx), p);
    }

    private String key(Context ctx) {
        StringBuilder sb = new StringBuilder(ctx.path()).append('?');
        new TreeMap<>(ctx.queryParamMap()).forEach((k, v) -> sb.append(k).append('=').append(v).append('&'));
        List<Rig> saved = PageRoutes.savedRigs(rigs);
        return sb.append('#').append(saved.hashCode()).toString();
    }
}
