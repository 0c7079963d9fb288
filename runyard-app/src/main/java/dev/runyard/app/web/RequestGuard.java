package dev.runyard.app.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The checks every request passes before a route sees it: the {@code Host} header is one of ours
 * ({@link HostPolicy}, against DNS rebinding), and a request that changes something (any method but GET, HEAD and
 * OPTIONS) comes from one of our own pages: its {@code Origin} (else its {@code Referer}) names the host it was sent
 * to. Browsers send Origin with every cross-site POST, forms and text/plain included, so a page elsewhere cannot
 * save rigs; clients such as curl pass {@code -H "Origin: http://HOST:PORT"}.
 */
final class RequestGuard {
    private final HostPolicy hosts;

    RequestGuard(HostPolicy hosts) {
        this.hosts = hosts;
    }

    void check(Context ctx) {
        String host = ctx.header("Host");
        if (host != null && !hosts.allows(host)) {
            throw new WebApp.RunyardWebException(403, "host not allowed: " + WebApp.clip(host),
                    "this server answers to its own address and names; start it with --allowed-host NAME to add one");
        }
        if (!safe(ctx.method()) && !sameOrigin(ctx, host)) {
            throw new WebApp.RunyardWebException(403, "cross-origin request refused",
                    "changes are accepted from this server's own pages only (Origin or Referer must name "
                            + (host == null ? "this server" : WebApp.clip(host)) + ")");
        }
    }

    private static boolean safe(HandlerType m) {
        return m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS;
    }

    /**
     * Origin (or, without one, Referer) names the host the request was sent to, and its port when the Host header
     * has one. The scheme is not compared: behind a TLS proxy the page is https while the server sees plain http.
     */
    static boolean sameOrigin(Context ctx, String host) {
        String site = ctx.header("Sec-Fetch-Site");
        if (host == null || site != null && !site.equals("same-origin") && !site.equals("none")) {
            return false;
        }
        String origin = ctx.header("Origin");
        String from = origin != null ? origin : ctx.header("Referer");
        if (from == null || from.equals("null")) {
            return false;
        }
        try {
            URI u = new URI(from.strip());
            URI h = new URI("http://" + host.strip() + "/");
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || h.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return false;
            }
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return u.getHost().equalsIgnoreCase(h.getHost()) && (h.getPort() < 0 || h.getPort() == port);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Refuses a body that is not {@code expected} (a form where a form is read): 415, before anything is saved. */
    static void requireContentType(Context ctx, String expected) {
        String ct = ctx.header("Content-Type");
        String base = ct == null ? "" : ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!base.equals(expected)) {
            throw new WebApp.RunyardWebException(415, "unsupported content type: " + (ct == null ? "none"
                    : WebApp.clip(ct)), "send " + expected);
        }
    }
}
