package dev.runyard.app.web;

import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.api.RankView;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.UseCase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON API under {@code /api/v1}: the same records as the CLI's {@code --json}. */
final class ApiRoutes {
    static final String BASE = "/api/v1";
    private final CatalogSource catalog;
    private final RankService ranks;
    private final RigStore rigs;
    private final byte[] openApi;

    ApiRoutes(CatalogSource catalog, RankService ranks, RigStore rigs) {
        this.catalog = catalog;
        this.ranks = ranks;
        this.rigs = rigs;
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/web/openapi.json")) {
            this.openApi = in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("openapi.json missing from the jar", e);
        }
    }

    /**
     * Every route is GET, with a CORS preflight answer on the same path only: a wildcard OPTIONS route would make
     * every unknown path "exist" and turn its 404 into a 405.
     */
    void register(RoutesConfig r) {
        get(r, BASE + "/rank", this::rank);
        get(r, BASE + "/models", this::models);
        get(r, BASE + "/models/<id>", this::model);
        get(r, BASE + "/search", this::search);
        get(r, BASE + "/estimate", this::estimate);
        get(r, BASE + "/gpus", this::gpus);
        get(r, BASE + "/hardware/resolve", this::resolve);
        get(r, BASE + "/radar", this::radar);
        get(r, BASE + "/rigs", ctx -> Responder.json(ctx, Map.of("rigs", rigs.list())));
        get(r, BASE + "/openapi.json", ctx -> Responder.send(ctx, "application/json; charset=utf-8", openApi));
    }

    /** Model search: fuzzy on id, name, family, organisation and size ("qwen 27b", "v4 flash"). */
    private void search(Context ctx) {
        String q = Params.require(ctx, "q", "qwen 27b");
        Integer limit = Params.integer(ctx, "limit", 1, 100);
        List<Map<String, Object>> out = new ArrayList<>();
        for (dev.runyard.app.catalog.ModelSearch.Hit h : ranks.search().search(q, limit == null ? 10 : limit)) {
            CatalogModel m = h.model();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", m.id());
            row.put("name", m.name());
            row.put("family", m.family());
            row.put("kind", m.kind().key());
            row.put("params_total", m.paramsTotal() > 0 ? m.paramsTotal() : null);
            row.put("release_date", m.releaseDate());
            row.put("placeable", m.arch() != null);
            row.put("score", Math.round(h.score() * 100) / 100.0);
            out.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q);
        body.put("results", out);
        Responder.json(ctx, body);
    }

    private static void get(RoutesConfig r, String path, io.javalin.http.Handler h) {
        r.get(path, h);
        r.options(path, WebApp::preflight);
    }

    /** The finder's query: hardware plus use case, min context, min speed and limit. */
    record RankQuery(HardwareQuery hw, RankOptions options) {
        static RankQuery of(Context ctx, RigStore rigs) {
            HardwareQuery hw = HardwareQuery.of(ctx, rigs);
            String uc = Params.str(ctx, "use_case");
            // "min_context" says what is meant; "ctx" is its older name here (elsewhere ctx is an exact context).
            Long minCtx = Params.tokens(ctx, "min_context", 10_000_000);
            if (minCtx == null) {
                minCtx = Params.tokens(ctx, "ctx", 10_000_000);
            }
            Double minTps = Params.decimal(ctx, "min_tps", 0, 100_000);
            Integer limit = Params.integer(ctx, "limit", 1, 500);
            String engine = Params.str(ctx, "engine");
            Engine e = engine == null ? null : Engine.parse(engine);
            String license = Params.str(ctx, "license");
            String kind = Params.str(ctx, "kind");
            return new RankQuery(hw, new RankOptions(uc == null ? UseCase.GENERAL : UseCase.parse(uc),
                    minCtx == null ? 0 : minCtx, minTps == null ? 0 : minTps, e,
                    license == null ? null : license.toLowerCase(java.util.Locale.ROOT), limit == null ? 20 : limit,
                    kind == null ? null : dev.runyard.core.catalog.ModelKind.parse(kind)));
        }
    }

    static RankView rankBody(MachineResolver.Resolved machine, RankOptions o, List<RankedResult> results) {
        List<PlanView> rows = new ArrayList<>();
        for (RankedResult r : results) {
            rows.add(PlanViews.ranked(r));
        }
        return new RankView(machine.description(), o.useCase().key(), rows, machine.warnings());
    }

    /**
     * Warm answers are served from the serialized body: the catalog does not change while the server runs, so the
     * same query (rigs excluded, they can change) always gets the same bytes.
     */
    private record Cached(byte[] body, String etag) {
    }

    private final Map<String, Cached> rankBodies = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                    return size() > 512;
                }
            });

    private void rank(Context ctx) {
        String key = ctx.queryString() == null ? "" : ctx.queryString();
        boolean cacheable = ctx.queryParam("rig") == null;
        Cached hit = cacheable ? rankBodies.get(key) : null;
        if (hit == null) {
            RankQuery q = RankQuery.of(ctx, rigs);
            MachineResolver.Resolved machine = ranks.machine(q.hw());
            byte[] body = Responder.bytes(rankBody(machine, q.options(), ranks.rank(machine, q.options(), !cacheable)));
            hit = new Cached(body, Responder.etag(body));
            if (cacheable) {
                rankBodies.put(key, hit);
            }
        }
        Responder.send(ctx, "application/json; charset=utf-8", hit.body(), hit.etag());
    }

    private void models(Context ctx) {
        String family = Params.str(ctx, "family");
        String search = Params.str(ctx, "search");
        Integer limit = Params.integer(ctx, "limit", 1, 1000);
        Integer offset = Params.integer(ctx, "offset", 0, 100_000);
        List<Map<String, Object>> out = new ArrayList<>();
        int matched = 0;
        for (CatalogModel m : filter(catalog.models(), family, search)) {
            if (matched++ >= (offset == null ? 0 : offset) && out.size() < (limit == null ? 1000 : limit)) {
                out.add(ApiViews.modelSummary(m));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", matched);
        body.put("models", out);
        Responder.json(ctx, body);
    }

    static List<CatalogModel> filter(List<CatalogModel> all, String family, String search) {
        String s = search == null ? null : search.toLowerCase(Locale.ROOT);
        return all.stream().filter(m -> family == null || m.family().equalsIgnoreCase(family))
                .filter(m -> s == null || m.id().toLowerCase(Locale.ROOT).contains(s)
                        || m.name().toLowerCase(Locale.ROOT).contains(s))
                .toList();
    }

    private void model(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.endsWith("/calc")) {
            calc(ctx, id.substring(0, id.length() - "/calc".length()));
            return;
        }
        CatalogModel m = require(catalog, id);
        Responder.json(ctx, ApiViews.modelDetail(m, catalog.facts(m.id()).orElse(null)));
    }

    static CatalogModel require(CatalogSource catalog, String id) {
        return catalog.find(id).orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\"",
                "closest: " + String.join(", ", catalog.closest(id, 5))));
    }

    static CatalogModel requireSizable(CatalogSource catalog, String id) {
        CatalogModel m = require(catalog, id);
        if (m.arch() == null) {
            throw RunyardException.notFound("the catalog has no architecture for " + m.id(), "it cannot be sized");
        }
        return m;
    }

    private void calc(Context ctx, String id) {
        CatalogModel m = requireSizable(catalog, id);
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = hw.given() ? ranks.machine(hw) : null;
        Responder.json(ctx, ranks.calc(m, machine));
    }

    private void estimate(Context ctx) {
        Responder.json(ctx, EstimateQuery.run(ctx, catalog, ranks, rigs));
    }

    private void gpus(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        AcceleratorDatabase.bundled().all().forEach(a -> out.add(ApiViews.gpu(a)));
        Responder.json(ctx, Map.of("gpus", out));
    }

    private void resolve(Context ctx) {
        String q = Params.require(ctx, "q", "2x RTX 3090");
        Responder.json(ctx, ApiViews.hardware(q, HardwareSpec.parse(q, AcceleratorDatabase.bundled())));
    }

    /**
     * The radar in {@link dev.runyard.app.api.RadarList}'s order, on the machine of the query (the server's when none
     * is given, as for /rank): the same releases in the same order as {@code radar --json} and the page. {@code since}
     * keeps releases on or after a day ({@code 30d} or {@code YYYY-MM-DD}, as {@code radar --since}; then every one
     * unless {@code limit}). No personal marks: one query, one answer, for every caller.
     */
    private void radar(Context ctx) {
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        Integer limit = Params.integer(ctx, "limit", 1, 1000);
        String since = Params.str(ctx, "since");
        java.time.LocalDate from = since == null ? null
                : dev.runyard.app.api.RadarList.since(since, java.time.LocalDate.now(java.time.ZoneOffset.UTC), "parameter 'since'");
        boolean fitsOnly = Params.flag(ctx, "fits");
        MachineResolver.Resolved machine = ranks.machine(hw);
        List<Map<String, Object>> out = new ArrayList<>();
        int n = limit != null ? limit : from == null ? 50 : Integer.MAX_VALUE;
        for (Radar.Entry e : Radar.entries(catalog, ranks, machine, fitsOnly, from, n)) {
            out.add(ApiViews.radarItem(e.model(), e.best(), true));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machine", machine.description());
        body.put("releases", out);
        Responder.json(ctx, body);
    }
}
