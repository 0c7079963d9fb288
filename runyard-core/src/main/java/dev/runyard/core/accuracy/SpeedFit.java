package dev.runyard.core.accuracy;

import dev.runyard.core.speed.SpeedConstants;
import dev.runyard.core.speed.SpeedModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits the speed model's fitted constants ({@link SpeedConstants}) on measured llama-bench rows. Each constant is the
 * value that minimises the summed |ln(predicted / measured)| over the rows that use it (a median in log space, so one
 * odd row moves it little), found on a grid (efficiencies 0.02–1.00 in steps of 0.0025; the row split's
 * synchronisation 0–400 µs in steps of 1, its prompt gathers 0.1–40 GB/s in steps of 0.05). Keys are fitted from the broadest ({@code prefill/cuda}, all CUDA prefill
 * rows) to the most specific ({@code prefill/cuda/quant/mmq}, current-build rows only), so a key with no rows of its
 * own falls back to one fitted on its neighbours. Row-split rows (builds before 2024-01) fit only the split's
 * synchronisation cost (decode rows) and gather rate (prompt rows). Decode's bandwidth share and its per-layer time
 * ({@code layer_us/*}) are fitted in turn ({@link #ROUNDS} rounds). Everything else in the model is hand-set (see
 * docs/estimates.md §7).
 */
public final class SpeedFit {
    private SpeedFit() {
    }

    /** The fitted table and, per key, what it was fitted on. */
    public record Result(SpeedConstants constants, Map<String, String> basis) {
        /** The fitted values by key. */
        public Map<String, Double> values() {
            return constants.values();
        }
    }

    public static Result fit(List<SpeedCase> all) {
        List<SpeedCase> cases = all.stream().filter(c -> !c.heldOut()).toList();
        SpeedConstants table = SpeedConstants.PRIORS;
        Map<String, String> basis = new TreeMap<>();
        List<SpeedCase> plain = cases.stream().filter(c -> !c.rowSplit()).toList();
        // Decode's bandwidth share and per-layer time are fitted in turn, each with the other held. Both are needed:
        // with the per-layer time fixed too low, the share came out low to make up for it, which made small models
        // on fast memory (a floor) too fast and large ones too slow.
        List<SpeedCase> decode = plain.stream().filter(SpeedCase::decode).toList();
        for (int round = 0; round < ROUNDS; round++) {
            table = fitChains(table, basis, decode, SpeedCase::chain, 1, 0.02, 1.0, 0.0025);
            table = fitChains(table, basis, decode, SpeedCase::overheadChain, 2, 0, 400, 1);
        }
        // Prefill reads its weights (and a pre-MMQ build's FP16 copies) at the decode share: fitted after it.
        table = fitChains(table, basis, plain.stream().filter(c -> !c.decode()).toList(), SpeedCase::chain, 1, 0.02,
                1.0, 0.0025);
        List<SpeedCase> row = cases.stream().filter(c -> c.rowSplit() && c.decode()).toList();
        if (!row.isEmpty()) {
            table = table.with(SpeedModel.ROW_SYNC_KEY, best(table, SpeedModel.ROW_SYNC_KEY, row, 0, 400, 1));
            basis.put(SpeedModel.ROW_SYNC_KEY, describe(row));
        }
        // The row split's prompt gathers, after the synchronisation they also pay (0.1–40 GB/s in steps of 0.05).
        List<SpeedCase> rowPrompt = cases.stream().filter(c -> c.rowSplit() && !c.decode()).toList();
        if (!rowPrompt.isEmpty()) {
            table = table.with(SpeedModel.ROW_GATHER_KEY, best(table, SpeedModel.ROW_GATHER_KEY, rowPrompt, 0.1, 40, 0.05));
            basis.put(SpeedModel.ROW_GATHER_KEY, describe(rowPrompt));
        }
        return new Result(table, basis);
    }

    /**
     * Rounds of the alternating fit. Metal's pair stops moving at the fourth (checked to 8); CUDA's keeps moving
     * slowly (share 0.8525 / 51 µs after 4 rounds, 0.8675 / 55 µs after 8), so the round count is fixed
     * to keep the table reproducible.
     */
    static final int ROUNDS = 4;

    /**
     * Fits every key of the chains, broadest first, so a key with no rows of its own falls back to a fitted one. A key
     * whose rows hold fewer than {@code minSizes} model sizes keeps its prior: a per-layer time and a bandwidth share
     * cannot be told apart on one size.
     */
    private static SpeedConstants fitChains(SpeedConstants table, Map<String, String> basis, List<SpeedCase> plain,
                                            java.util.function.Function<SpeedCase, List<String>> chainOf,
                                            int minSizes, double from, double to, double step) {
        int depth = plain.stream().mapToInt(c -> chainOf.apply(c).size()).max().orElse(0);
        // Refit from the priors: a broad key is fitted on every row under it, before its narrower keys exist.
        Set<String> keys = new LinkedHashSet<>();
        plain.forEach(c -> keys.addAll(chainOf.apply(c)));
        table = table.without(keys);
        for (int d = 0; d < depth; d++) {
            Map<String, List<SpeedCase>> byKey = new LinkedHashMap<>();
            for (SpeedCase c : plain) {
                List<String> chain = chainOf.apply(c);
                if (d < chain.size()) {
                    byKey.computeIfAbsent(chain.get(chain.size() - 1 - d), k -> new ArrayList<>()).add(c);
                }
            }
            SpeedConstants base = table;
            for (Map.Entry<String, List<SpeedCase>> e : byKey.entrySet()) {
                if (e.getValue().stream().map(c -> c.inputs().weights().bytes()).distinct().count() < minSizes) {
                    continue;
                }
                table = table.with(e.getKey(), best(base, e.getKey(), e.getValue(), from, to, step));
                basis.put(e.getKey(), describe(e.getValue()));
            }
        }
        return table;
    }

    /** The grid value of {@code key} with the least summed |ln(predicted / measured)| over {@code cases}. */
    private static double best(SpeedConstants base, String key, List<SpeedCase> cases, double from, double to,
                               double step) {
        double bestV = from;
        double bestCost = Double.POSITIVE_INFINITY;
        int n = (int) Math.round((to - from) / step);
        for (int i = 0; i <= n; i++) {
            double v = Math.round((from + i * step) * 10000) / 10000.0;
            SpeedConstants t = base.with(key, v);
            double cost = 0;
            for (SpeedCase c : cases) {
                Double p = c.predicted(t);
                if (p != null && p > 0) {
                    cost += Math.abs(Math.log(p / c.actual()));
                }
            }
            if (cost < bestCost - 1e-12) {
                bestCost = cost;
                bestV = v;
            }
        }
        return bestV;
    }

    private static String describe(List<SpeedCase> cases) {
        Set<String> hw = new LinkedHashSet<>();
        cases.forEach(c -> hw.add(c.hardware()));
        return cases.size() + " rows on " + hw.size() + " accelerators";
    }
}
