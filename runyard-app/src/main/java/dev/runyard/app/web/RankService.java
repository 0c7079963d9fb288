package dev.runyard.app.web;

import dev.runyard.app.rank.MachineResolver;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.rank.CatalogModel;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
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
    private final Ranker ranker = new Ranker();
    private final Map<String, List<RankedResult>> rankings = lru(256);
    private final Map<String, Map<String, RankedResult>> bestFits = lru(32);
    private volatile QualityModel quality;

    RankService(CatalogSource catalog, MachineSource machines) {
        this.catalog = catalog;
        this.machines = machines;
    }

    MachineResolver.Resolved machine(HardwareQuery hw) {
        return machines.resolve(hw.gpu(), hw.gpus(), hw.ramBytes());
    }

    List<RankedResult> rank(MachineResolver.Resolved machine, RankOptions o) {
        String key = machineKey(machine.machine()) + "|" + o;
        List<RankedResult> hit;
        synchronized (rankings) {
            hit = rankings.get(key);
        }
        if (hit != null) {
            return hit;
        }
        List<RankedResult> r = ranker.rank(catalog.models(), machine.machine(), o);
        synchronized (rankings) {
            rankings.put(key, r);
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
                .append(m.backend()).append('|').append(m.safetyMarginBytes()).toString();
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
