package dev.runyard.app.web;

import dev.runyard.app.catalog.BundledCatalogSource;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineSource;
import dev.runyard.core.error.RunyardException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app factory: returns an <em>unstarted</em> Javalin with the JSON API ({@link ApiRoutes}) and the HTML pages
 * ({@link PageRoutes}). Cross-cutting rules live here, once: a Host that is not ours and a change from another origin
 * are refused ({@link RequestGuard}), oversized queries are refused (414 over 4 KB, 400 for a parameter over 500
 * characters), a wrong method is 405 with Allow, the API allows any origin for GET, and every error is one
 * {@code {"error", "detail"}} document (or an HTML page) with its status, never a stack trace.
 */
public final class WebApp {
    static final int MAX_QUERY = 4096;
    static final int MAX_PARAM = 500;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);

    /**
     * What the app is built from; tests pass their own rig store and machine source.
     *
     * @param warm   fill the planner's hardware-independent caches in the background at start ({@code serve} does)
     * @param visits the radar's visit log ("new since your last visit"); {@link VisitLog#NONE} marks nothing
     */
    public record Deps(CatalogSource catalog, RigStore rigs, MachineSource machines, boolean warm, VisitLog visits) {
        public Deps(CatalogSource catalog, RigStore rigs, MachineSource machines) {
            this(catalog, rigs, machines, false, VisitLog.NONE);
        }

        public static Deps defaults(RigStore rigs) {
            return new Deps(new BundledCatalogSource(), rigs, MachineSource.cachedDetection());
        }

        public Deps warming() {
            return new Deps(catalog, rigs, machines, true, visits);
        }

        public Deps withVisits(VisitLog log) {
            return new Deps(catalog, rigs, machines, warm, log);
        }
    }

    private WebApp() {
    }

    /** The warm-up thread of the last app created with {@link Deps#warming()} (load tests wait for it). */
    static volatile Thread lastWarmUp;

    /** The app for a server on loopback only. */
    public static Javalin create(Deps deps) {
        return create(deps, HostPolicy.loopback());
    }

    /** The app answering to the hosts {@code hosts} allows (serve passes its --host and --allowed-host names). */
    public static Javalin create(Deps deps, HostPolicy hosts) {
        RequestGuard requests = new RequestGuard(hosts);
        RankService ranks = new RankService(deps.catalog(), deps.machines());
        if (deps.warm()) {
            lastWarmUp = ranks.warmInBackground();
        }
        RigStore rigs = new RecentRigs(deps.rigs());
        ApiRoutes api = new ApiRoutes(deps.catalog(), ranks, rigs);
        PageRoutes pages = new PageRoutes(deps.catalog(), ranks, rigs, deps.visits());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.router.ignoreTrailingSlashes = true;
            // A known path with the wrong method is 405 with Allow, not 404.
            config.http.prefer405over404 = true;
            // Model ids contain a slash; accept it URL-encoded (%2F) as well as plain.
            config.jetty.modifyHttpConfiguration(hc -> hc.setUriCompliance(UriCompliance.LEGACY));
            config.jetty.modifyServletContextHandler(h -> h.getServletHandler().setDecodeAmbiguousURIs(true));
            config.jetty.modifyServer(s -> s.setErrorHandler(new ApiErrorHandler()));
            RoutesConfig r = config.routes;
            r.before(ctx -> {
                requests.check(ctx);
                guard(ctx);
            });
            api.register(r);
            pages.register(r);
            r.exception(RunyardException.class, (e, ctx) -> fail(ctx, status(e.kind()), e.getMessage(),
                    e.hint() == null ? "" : e.hint()));
            r.exception(HttpResponseException.class, (e, ctx) -> {
                if (e instanceof RunyardWebException w) {
                    fail(ctx, w.getStatus(), w.getMessage(), w.detail);
                } else if (e instanceof MethodNotAllowedResponse) {
                    String allow = allowed(e);
                    ctx.header("Allow", allow);
                    fail(ctx, 405, reason(405), ctx.method() + " is not allowed on " + clip(ctx.path())
                            + (allow.isEmpty() ? "" : "; use " + allow));
                } else {
                    fail(ctx, e.getStatus(), reason(e.getStatus()),
                            e.getStatus() == 404 ? "no route for " + clip(ctx.path()) : clip(String.valueOf(e.getMessage())));
                }
            });
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} failed", ctx.path(), e);
                fail(ctx, 500, "internal error", "the server could not answer; see its log");
            });
        });
    }

    /** The CORS preflight answer of every API route: GET only, from any origin. */
    static void preflight(Context ctx) {
        ctx.status(204).header("Access-Control-Allow-Methods", "GET, OPTIONS")
                .header("Access-Control-Allow-Headers", "If-None-Match, Content-Type").header("Access-Control-Max-Age", "86400");
    }

    /** Size limits, then CORS on the API. */
    static void guard(Context ctx) {
        String q = ctx.queryString();
        if (q != null && q.length() > MAX_QUERY) {
            throw new RunyardWebException(414, "query string too long",
                    "at most " + MAX_QUERY + " characters, got " + q.length());
        }
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().length() > MAX_PARAM || e.getValue().stream().anyMatch(v -> v.length() > MAX_PARAM)) {
                throw new RunyardWebException(400, "parameter too long: " + clip(e.getKey()),
                        "a parameter may have at most " + MAX_PARAM + " characters");
            }
        }
        if (ctx.path().startsWith(ApiRoutes.BASE)) {
            ctx.header("Access-Control-Allow-Origin", "*");
            ctx.header("Access-Control-Expose-Headers", "ETag");
        }
    }

    /** A refusal with an explicit status, for limits Javalin has no exception for. */
    static final class RunyardWebException extends HttpResponseException {
        private final String detail;

        RunyardWebException(int status, String message, String detail) {
            super(status, message, Map.of());
            this.detail = detail;
        }
    }

    static void fail(Context ctx, int status, String error, String detail) {
        if (ctx.path().startsWith(ApiRoutes.BASE)) {
            ctx.header("Access-Control-Allow-Origin", "*");
        }
        ctx.status(status);
        ctx.removeHeader("ETag");
        if (ctx.path().startsWith(ApiRoutes.BASE) || ctx.path().startsWith("/fragments/") || ctx.path().endsWith(".atom")) {
            ctx.contentType("application/json; charset=utf-8");
            java.util.Map<String, String> body = new java.util.LinkedHashMap<>();
            body.put("error", error);
            body.put("detail", detail);
            ctx.result(Responder.JSON.valueToTree(body).toString());
        } else {
            ctx.html(Layout.errorPage(status, error, detail));
        }
    }

    private static int status(RunyardException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> 400;
            case NOT_FOUND -> 404;
            case RUNTIME -> 500;
        };
    }

    private static String reason(int status) {
        return switch (status) {
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 415 -> "unsupported content type";
            case 414 -> "query string too long";
            default -> "request refused";
        };
    }

    /** The methods a 405 lists, from Javalin's details ("GET, POST"). */
    private static String allowed(HttpResponseException e) {
        String v = e.getDetails().getOrDefault("availableMethods", "");
        return v.replace("[", "").replace("]", "").strip();
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
