package dev.runyard.app.web;

import dev.runyard.app.api.CalcTable;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.catalog.ModelFacts;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.store.RadarVisit;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.UseCase;
import dev.runyard.core.units.ByteSize;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML pages: server-rendered, working without JavaScript; {@code /static/app.js} makes them live. */
final class PageRoutes {
    private static final Map<String, String> STATIC = Map.of("app.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private final CatalogSource catalog;
    private final RankService ranks;
    private final RigStore rigs;
    private final Map<String, byte[]> assets = new HashMap<>();
    private final PageCache pages;
    private final VisitLog visits;

    PageRoutes(CatalogSource catalog, RankService ranks, RigStore rigs, VisitLog visits) {
        this.catalog = catalog;
        this.visits = visits;
        this.ranks = ranks;
        this.rigs = rigs;
        this.pages = new PageCache(rigs);
        for (String name : STATIC.keySet()) {
            try (InputStream in = PageRoutes.class.getResourceAsStream("/web/static/" + name)) {
                assets.put(name, in.readAllBytes());
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("web asset missing: " + name, e);
            }
        }
    }

    void register(RoutesConfig r) {
        r.get("/", this::finder);
        r.get("/models/<id>", this::model);
        r.get("/gpus/<id>", this::gpu);
        r.get("/radar", this::radar);
        r.get("/radar.atom", this::atom);
        r.get("/compare", this::compare);
        r.get("/search", this::search);
        r.get("/fragments/finder", this::finderFragment);
        r.post("/rigs", this::saveRig);
        r.get("/static/{file}", ctx -> {
            String f = ctx.pathParam("file");
            if (!assets.containsKey(f)) {
                throw RunyardException.notFound("no such file " + WebApp.clip(f), "see /");
            }
            Responder.send(ctx, STATIC.get(f), assets.get(f));
        });
    }

    private void page(Context ctx, String title, HardwareQuery hw, MachineResolver.Resolved machine, String main) {
        byte[] body = Layout.page(title, ctx.path(), savedRigs(rigs), hw, machine == null ? null : machine.description(), main)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PageCache.Page p = new PageCache.Page(body, Responder.etag(body));
        pages.put(ctx, p);
        Responder.send(ctx, "text/html; charset=utf-8", p.body(), p.etag());
    }

    /** The saved rigs for the footer's select; a store that cannot be read leaves the select empty, not the page a 500. */
    static List<Rig> savedRigs(RigStore rigs) {
        try {
            return rigs.list();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PageRoutes.class).warn("saved rigs unreadable: {}", e.getMessage());
            return List.of();
        }
    }

    /** A page already drawn for this path, query and set of saved rigs is sent again (or 304) without redoing it. */
    private boolean cached(Context ctx) {
        PageCache.Page p = pages.get(ctx);
        if (p == null) {
            return false;
        }
        Responder.send(ctx, "text/html; charset=utf-8", p.body(), p.etag());
        return true;
    }

    /** The finder's results alone, for the live update: the same renderer as the full page. */
    private void finderFragment(Context ctx) {
        ApiRoutes.RankQuery q = ApiRoutes.RankQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = ranks.machine(q.hw());
        String html = FinderPage.results(q.hw(), machine, q.options(), ranks.rank(machine, q.options()));
        ctx.header("X-Machine", java.net.URLEncoder.encode(machine.description(), java.nio.charset.StandardCharsets.UTF_8));
        Responder.send(ctx, "text/html; charset=utf-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void search(Context ctx) {
        if (cached(ctx)) {
            return;
        }
        String q = Params.str(ctx, "q");
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        List<CatalogModel> all = catalog.models();
        List<CatalogModel> found = q == null || q.isBlank() ? all
                : ranks.search().search(q, 100).stream().map(dev.runyard.app.catalog.ModelSearch.Hit::model).toList();
        page(ctx, q == null ? "Models" : "Search: " + q, hw, hw.given() ? ranks.machine(hw) : null,
                SearchPage.main(q == null || q.isBlank() ? null : q.strip(), hw, found, all.size()));
    }

    private void finder(Context ctx) {
        if (cached(ctx)) {
            return;
        }
        ApiRoutes.RankQuery q = ApiRoutes.RankQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = ranks.machine(q.hw());
        page(ctx, "Finder", q.hw(), machine, FinderPage.main(q, machine, ranks.rank(machine, q.options())));
    }

    private void model(Context ctx) {
        if (cached(ctx)) {
            return;
        }
        CatalogModel m = ApiRoutes.require(catalog, ctx.pathParam("id"));
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = hw.given() ? ranks.machine(hw) : null;
        CalcTable.Table t = m.arch() == null ? null : ranks.calc(m, machine);
        int col = 0;
        if (t != null) {
            Long want = Params.tokens(ctx, "ctx", 100_000_000);
            long target = want == null ? 8192 : want;
            for (int i = 0; i < t.contexts().size(); i++) {
                if (Math.abs(t.contexts().get(i) - target) < Math.abs(t.contexts().get(col) - target)) {
                    col = i;
                }
            }
        }
        Lineage l = lineage();
        CalcTable.Table curve = m.arch() == null ? null : CalcTable.curve(ranks.planner(), m,
                machine == null ? null : machine.machine(), machine == null ? null : machine.description());
        ModelPage.Data d = new ModelPage.Data(m, catalog.facts(m.id()).orElse(null), hw,
                machine == null ? null : machine.description(), t, curve, col,
                l.derived().getOrDefault(m.id().toLowerCase(Locale.ROOT), List.of()), l.known(), l.parents(),
                EngineTable.rows(m), m.arch() == null ? List.of() : ranks.commonGpuPlans(m),
                m.arch() == null || machine == null ? List.of() : ranks.enginePlans(m, machine));
        page(ctx, m.name(), hw, machine, ModelPage.main(d));
    }

    /** Which models are fine-tunes or distills of which, and the ids known to the catalog; built once. */
    private record Lineage(Map<String, List<String>> derived, Map<String, String> known,
                           Map<String, List<ModelFacts.Edge>> parents) {
    }

    private volatile Lineage lineage;

    private Lineage lineage() {
        Lineage l = lineage;
        if (l == null) {
            Map<String, String> known = new HashMap<>();
            Map<String, List<String>> derived = new HashMap<>();
            Map<String, List<ModelFacts.Edge>> parents = new HashMap<>();
            for (CatalogModel x : catalog.models()) {
                known.put(x.id().toLowerCase(Locale.ROOT), x.id());
                ModelFacts xf = catalog.facts(x.id()).orElse(null);
                if (xf == null) {
                    continue;
                }
                parents.put(x.id().toLowerCase(Locale.ROOT), xf.parents());
                for (ModelFacts.Edge e : xf.parents()) {
                    List<String> kids = derived.computeIfAbsent(e.parent().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
                    if (!kids.contains(x.id())) {
                        kids.add(x.id());
                    }
                }
            }
            l = new Lineage(derived, known, parents);
            lineage = l;
        }
        return l;
    }

    private void gpu(Context ctx) {
        if (cached(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        AcceleratorDatabase db = AcceleratorDatabase.bundled();
        Accelerator a = db.all().stream().filter(x -> x.id().equalsIgnoreCase(id)).findFirst()
                .or(() -> db.find(id)).orElseThrow(() -> RunyardException.notFound("unknown GPU \"" + WebApp.clip(id) + "\"",
                        "closest: " + String.join(", ", db.closest(id, 5))));
        Integer gpus = Params.integer(ctx, "gpus", 1, 1024);
        Long ram = Params.ram(ctx, "ram");
        // Cards sold in several sizes (every Mac) take the size: "M3 Max 128GB" is a different machine from 36GB.
        Double memory = Params.decimal(ctx, "memory", 1, 100_000);
        if (memory != null && a.memoryGbOptions().stream().noneMatch(o -> Math.abs(o - memory) < 0.01)) {
            throw RunyardException.badInput("invalid value for parameter 'memory': " + Html.num(memory) + " GB",
                    a.name() + " comes with " + String.join(", ", a.memoryGbOptions().stream().map(Charts::fmt).toList()) + " GB");
        }
        String gpuName = memory == null ? a.name() : a.name() + " " + Charts.fmt(memory) + "GB";
        HardwareQuery hw = new HardwareQuery(gpuName, gpus, ram, null, true);
        MachineResolver.Resolved machine = ranks.machine(hw);
        Map<UseCase, RankedResult> best = new LinkedHashMap<>();
        for (UseCase u : UseCase.values()) {
            List<RankedResult> top = ranks.rank(machine, new RankOptions(u, 0, 0, null, null, 1));
            best.put(u, top.isEmpty() ? null : top.get(0));
        }
        page(ctx, a.name(), hw, machine, GpuPage.main(a, memory, hw, machine, best, ranks.rank(machine, RankOptions.defaults())));
    }

    /**
     * Not in the page cache: the ranked list is cached (the best fits per machine, in {@link RankService}) and the
     * frontier chart is drawn once, but the marks are this visitor's, so each look is drawn and recorded anew.
     */
    private void radar(Context ctx) {
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        boolean fitsOnly = Params.flag(ctx, "fits");
        MachineResolver.Resolved machine = ranks.machine(hw);
        List<Radar.Entry> entries = Radar.entries(catalog, ranks, machine, fitsOnly, null, 100);
        RadarVisit visit = RadarVisitor.visit(ctx, visits, catalog);
        byte[] body = Layout.page("Radar", ctx.path(), savedRigs(rigs), hw, machine.description(),
                RadarPage.main(hw, machine.description(), fitsOnly, entries, frontier(), visit))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Responder.send(ctx, "text/html; charset=utf-8", body);
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("Vary", "Cookie");
    }

    private volatile String frontier;

    private String frontier() {
        String f = frontier;
        if (f == null) {
            f = StoryCharts.frontier(catalog.models());
            frontier = f;
        }
        return f;
    }

    /** The feed of the page with the same query: the same releases in the same order (50 unless limit says). */
    private void atom(Context ctx) {
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        Integer limit = Params.integer(ctx, "limit", 1, 100);
        MachineResolver.Resolved machine = ranks.machine(hw);
        List<Radar.Entry> entries = Radar.entries(catalog, ranks, machine, Params.flag(ctx, "fits"), null,
                limit == null ? 50 : limit);
        String base = ctx.scheme() + "://" + ctx.host();
        byte[] body = RadarPage.atom(base, machine.description(), entries).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Responder.send(ctx, "application/atom+xml; charset=utf-8", body);
    }

    private void compare(Context ctx) {
        if (cached(ctx)) {
            return;
        }
        String raw = Params.str(ctx, "models");
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = hw.given() ? ranks.machine(hw) : null;
        List<ComparePage.Column> cols = new ArrayList<>();
        List<ComparePage.Unknown> unknown = new ArrayList<>();
        if (raw != null) {
            String[] ids = raw.split(",");
            if (ids.length > 8) {
                throw RunyardException.badInput("at most 8 models to compare, got " + ids.length, "remove some");
            }
            for (String id : ids) {
                if (id.isBlank()) {
                    continue;
                }
                // One bad id names itself and leaves the other columns standing.
                CatalogModel m = catalog.find(id.strip()).orElse(null);
                if (m == null) {
                    unknown.add(new ComparePage.Unknown(id.strip(), ranks.search().search(id, 3).stream()
                            .map(h -> h.model().id()).toList()));
                    continue;
                }
                Map<String, Double> bench = new LinkedHashMap<>();
                catalog.facts(m.id()).ifPresent(f -> f.benchmarks().forEach(b -> bench.merge(b.name(), b.score(), Math::max)));
                Long q4 = m.arch() == null ? null : CalcTable.requirementBytes(ranks.planner(), m, "Q4_K_M", 8192);
                cols.add(new ComparePage.Column(m, bench, q4, machine == null ? null : ranks.best(m, machine)));
            }
        }
        page(ctx, "Compare", hw, machine, ComparePage.main(raw == null ? "" : raw, hw,
                machine == null ? null : machine.description(), cols, unknown));
    }

    private void saveRig(Context ctx) {
        RequestGuard.requireContentType(ctx, "application/x-www-form-urlencoded");
        String ramText = ctx.formParam("ram");
        Double ram = null;
        if (ramText != null && !ramText.isBlank()) {
            try {
                ram = ByteSize.parse(ramText, ByteSize.GIB).gib();
            } catch (IllegalArgumentException e) {
                throw RunyardException.badInput("invalid value for parameter 'ram': \"" + WebApp.clip(ramText) + "\"",
                        "expected RAM such as 64 (GiB), 64GiB or 64GB");
            }
        }
        Rig rig = new Rig(ctx.formParam("name"), ctx.formParam("gpu"), ram);
        if (rig.gpu() != null && !MachineResolver.isNoGpu(rig.gpu())) {
            HardwareSpec.parse(rig.gpu(), AcceleratorDatabase.bundled()); // unknown GPUs fail here, with suggestions
        }
        rigs.save(rig);
        ctx.redirect("/?rig=" + Html.url(rig.name()), io.javalin.http.HttpStatus.SEE_OTHER);
    }
}
