package dev.runyard.app.web;

import dev.runyard.app.api.CalcTable;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.hardware.MachineSource;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.UseCase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Ranker} per server (it caches weight estimates per model and quant) and small LRU caches of finished
 * rankings and per-model best fits, keyed by the resolved machine and the options, so a warm /rank is a map lookup.
 */
final class RankService {
    private final CatalogSource catalog;
    private final MachineSource machines;
    // Requests are the server's parallelism: each ranking runs on its own request thread.
    private final Ranker ranker = new Ranker(new Planner(), false);
    private final Map<String, CalcTable.Table> tables = lru(64);
    private final Map<String, List<RankedResult>> rankings = lru(256);
    private final Map<String, Map<String, RankedResult>> bestFits = lru(32);
    private volatile QualityModel quality;
    private volatile dev.runyard.app.catalog.ModelSearch search;

    RankService(CatalogSource catalog, MachineSource machines) {
        this.catalog = catalog;
        this.machines = machines;
    }

    /**
     * Weight estimates are the same on every machine: a server computes them for the whole catalog once, on a
     * low-priority thread, so the first visitor with new hardware waits for placement and speed only.
     */
    Thread warmInBackground() {
        Thread t = new Thread(this::warm, "runyard-warm");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** The model search over this server's catalog, built on first use. */
    dev.runyard.app.catalog.ModelSearch search() {
        dev.runyard.app.catalog.ModelSearch s = search;
        if (s == null) {
            s = new dev.runyard.app.catalog.ModelSearch(catalog);
            search = s;
        }
        return s;
    }

    static final List<String> WARM_UP_GPUS = List.of("RTX 2060", "RTX 2080 Ti", "RTX 3050", "RTX 3060 Ti",
            "RTX 3090 Ti", "RTX 4060 Ti 8GB", "RTX 4070 Super", "RTX 4080 Super", "RTX 5080", "RX 6800 XT", "RX 7800 XT",
            "M1 Max 64GB", "M2 Pro 32GB", "M3 Ultra 256GB", "M4 Max 128GB", "A10", "L4", "H200", "2x RTX 3060 12GB",
            "4x RTX 4090", "8x H100", "2x A100 80GB");

    /**
     * Fills the planner's weight caches for every model and published quant, then ranks a few typical machines so
     * the placement and speed code is compiled before the first visitor (what {@code serve} does at start).
     */
    void warm() {
        ranker.warm(catalog.models());
        // Enough rankings for C2 to compile placement, speed and scoring on every path a visitor's hardware takes
        // (GPU only, offload, RAM, Apple, serving engines): measured on a 2-core VM, a distinct question's server CPU
        // keeps falling until about 1,300 rankings (docs/ranking.md).
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String gpu : WARM_UP_GPUS) {
                for (long gib : List.of(12L, 24L, 48L, 96L, 192L)) {
                    try {
                        MachineResolver.Resolved m = machines.resolve(gpu, null, (gib + round) << 30);
                        List<RankedResult> r = ranker.rank(catalog.models(), m.machine(), RankOptions.defaults());
                        // The answer's JSON too (views, Jackson): /api/v1/rank compiles what it runs, not only the
                        // ranking, and C2 left to compile it under load took cores from the first visitors.
                        for (int b = 0; b < WARM_UP_BODIES; b++) {
                            Responder.bytes(ApiRoutes.rankBody(m, RankOptions.defaults(), r));
                        }
                    } catch (RuntimeException e) {
                        // a warm-up machine the resolver does not know is simply skipped
                    }
                }
            }
        }
    }

    /**
     * Rounds of the warm-up: 22 GPUs × 5 RAM sizes each, about 1,300 rankings in all. Measured on a 2-core VM (16
     * clients, sets of 96 new machines): after 440 rankings a request still cost 6-13 ms of server CPU (handler 4-8
     * ms, the rest C2 compiling what the sets ran); after 1,300, with {@link #WARM_UP_BODIES} answers written per
     * ranking and the concurrent HTTP warm-up, 4-6 ms (handler 3.2-4.1 ms). Twice as many rounds measured no better.
     */
    static final int WARM_UP_ROUNDS = 12;

    /**
     * Each warm-up ranking's JSON answer is written this many times: a method that runs once per answer needs
     * thousands of answers before C2 compiles it, and until then it runs in C1's profiling code.
     */
    static final int WARM_UP_BODIES = 6;

    MachineResolver.Resolved machine(HardwareQuery hw) {
        return machines.resolve(hw.gpu(), hw.gpus(), hw.ramBytes());
    }

    List<RankedResult> rank(MachineResolver.Resolved machine, RankOptions o) {
        return rank(machine, o, true);
    }

    /**
     * @param keep whether a new ranking is kept in the ranking cache: the API keeps its answer as bytes instead, and
     *             20 full plans per distinct question held as objects are what each young collection had to copy
     */
    List<RankedResult> rank(MachineResolver.Resolved machine, RankOptions o, boolean keep) {
        String key = machineKey(machine.machine()) + "|" + o;
        List<RankedResult> hit;
        synchronized (rankings) {
            hit = rankings.get(key);
        }
        if (hit != null) {
            return hit;
        }
        List<RankedResult> r = ranker.rank(catalog.models(), machine.machine(), o);
        if (keep) {
            synchronized (rankings) {
                rankings.put(key, r);
            }
        }
        return r;
    }

    /** The best general-purpose variant of every sizable model on the machine; absent = does not fit. */
    Map<String, RankedResult> bestFits(MachineResolver.Resolved machine) {
        String key = machineKey(machine.machine());
        Map<String, RankedResult> hit;
        synchronized (bestFits) {
            hit = bestFits.get(key);
        }
        if (hit != null) {
            return hit;
        }
        Map<String, RankedResult> out = new LinkedHashMap<>();
        RankOptions o = RankOptions.defaults();
        for (CatalogModel m : catalog.models()) {
            if (m.arch() != null) {
                RankedResult r = ranker.best(m, machine.machine(), o, quality());
                if (r != null) {
                    out.put(m.id(), r);
                }
            }
        }
        Map<String, RankedResult> result = Collections.unmodifiableMap(out);
        synchronized (bestFits) {
            bestFits.put(key, result);
        }
        return result;
    }

    /** The best variant of one model, or null when it does not fit. */
    RankedResult best(CatalogModel m, MachineResolver.Resolved machine) {
        return m.arch() == null ? null : ranker.best(m, machine.machine(), RankOptions.defaults(), quality());
    }

    /** Common single GPUs the model page shows plans for. */
    static final List<String> COMMON_GPUS = List.of("RTX 4090", "RTX 3090", "M3 Max", "H100");

    /** A plan on one common GPU (with the RAM the resolver assumes for it). */
    record GpuPlan(String id, String name, RunPlan plan) {
    }

    /** The plan fit would pick for one engine on a machine, or why there is none. */
    record EnginePlan(String engine, RunPlan plan, String reason) {
    }

    /** Q4_K_M at 8K with llama.cpp on each common GPU: the same plan estimate --gpu G answers. */
    List<GpuPlan> commonGpuPlans(CatalogModel m) {
        List<GpuPlan> out = new java.util.ArrayList<>();
        for (String g : COMMON_GPUS) {
            MachineResolver.Resolved r = machines.resolve(g, null, null);
            var acc = r.machine().gpus().get(0).accelerator();
            out.add(new GpuPlan(acc.id(), acc.name(), planner().plan(m, r.machine(),
                    PlanRequest.of(Engine.LLAMA_CPP, Quant.parse("Q4_K_M"), 8192))));
        }
        return out;
    }

    /** For each engine, the variant {@code run MODEL --engine E} prints on the machine. */
    List<EnginePlan> enginePlans(CatalogModel m, MachineResolver.Resolved machine) {
        List<EnginePlan> out = new java.util.ArrayList<>();
        for (Engine e : Engine.values()) {
            RankOptions o = new RankOptions(UseCase.GENERAL, 0, 0, e, null, 1);
            List<RankedResult> v = ranker.variants(m, machine.machine(), o, quality(), null, 0);
            String unsuitable = Boolean.FALSE.equals(m.engines().get(e.key()))
                    ? e.key() + " cannot run this model (catalog: not supported)" : Planner.unsuitable(e, machine.machine());
            out.add(!v.isEmpty() ? new EnginePlan(e.key(), v.get(0).plan(), null)
                    : new EnginePlan(e.key(), null, unsuitable != null ? unsuitable
                    : "does not fit " + machine.description() + " with " + e.key()));
        }
        return out;
    }

    /** The planner behind every answer of this server. */
    Planner planner() {
        return ranker.planner();
    }

    /** The VRAM calculator of a model on a machine (null: sizes only), cached per model and machine. */
    CalcTable.Table calc(CatalogModel m, MachineResolver.Resolved machine) {
        String key = m.id() + "|" + (machine == null ? "-" : machineKey(machine.machine()) + machine.description());
        CalcTable.Table hit;
        synchronized (tables) {
            hit = tables.get(key);
        }
        if (hit != null) {
            return hit;
        }
        CalcTable.Table t = CalcTable.build(planner(), m, machine == null ? null : machine.machine(),
                machine == null ? null : machine.description(), machine == null ? List.of() : machine.warnings());
        synchronized (tables) {
            tables.put(key, t);
        }
        return t;
    }

    QualityModel quality() {
        if (quality == null) {
            quality = QualityModel.over(catalog.models());
        }
        return quality;
    }

    static String machineKey(Machine m) {
        StringBuilder sb = new StringBuilder();
        for (Machine.Gpu g : m.gpus()) {
            sb.append(g.accelerator().id()).append(':').append(g.memoryBytes()).append(',');
        }
        return sb.append('|').append(m.ramBytes()).append('|').append(m.unifiedMemory()).append('|')
                .append(m.backend()).append('|').append(m.safetyMarginBytes()).append('|').append(m.host()).toString();
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
