package dev.runyard.app.web;

import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.store.RadarVisit;
import dev.runyard.core.catalog.CatalogModel;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.LoggerFactory;

/**
 * Who looks at the radar: a random id in a cookie (HttpOnly, SameSite=Lax, sent to /radar only), nothing else about
 * the visitor. A missing or malformed cookie gets a fresh id; the store keys the visit by it.
 */
final class RadarVisitor {
    static final String COOKIE = "runyard_visitor";
    /** 400 days: the longest lifetime browsers keep a cookie, and as long as the store keeps an unseen visit. */
    static final int MAX_AGE_S = 400 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RadarVisitor() {
    }

    /** This request's visit, recorded; null when the store cannot say (the page then has no marks, never a 500). */
    static RadarVisit visit(Context ctx, VisitLog log, CatalogSource catalog) {
        String id = ctx.cookie(COOKIE);
        if (id == null || !id.matches("[A-Za-z0-9_-]{22}")) {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
            Cookie c = new Cookie(COOKIE, id, "/radar", MAX_AGE_S, "https".equals(ctx.scheme()), true, null, SameSite.LAX);
            c.setHttpOnly(true);
            c.setSameSite(SameSite.LAX);
            ctx.cookie(c);
        }
        try {
            return log.visit("web:" + id, catalog.models().stream().map(CatalogModel::id).toList());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(RadarVisitor.class).warn("radar visits unavailable: {}", e.getMessage());
            return null;
        }
    }
}
