package dev.runyard.core.rank;

import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's quality for a use case, 0–100, relative to the catalog it is ranked in:
 * <ul>
 *   <li>each published benchmark score becomes its percentile among the catalog models that report the benchmark
 *       (so saturated benchmarks such as IFEval do not flatter small models, and Elo and percent mix);</li>
 *   <li>the benchmark part is the use case's weighted mean of those percentiles;</li>
 *   <li>a size-and-recency prior, {@code 20 + 10·ln(effective B params) + 4·(year − 2023)} with effective params
 *       √(total × active) for MoE, is also turned into its percentile over the catalog;</li>
 *   <li>quality = 0.5 × benchmarks + 0.5 × prior with two or more matching benchmarks, 0.3/0.7 with one, the prior
 *       alone with none.</li>
 * </ul>
 */
public final class QualityModel {
    private final Map<String, double[]> benchmarkScores;
    private final double[] priors;

    /** One model's quality and its parts. */
    public record Quality(double score, double benchmarkPart, double prior, int benchmarksUsed) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quality", round(score));
            m.put("benchmark_percentile", round(benchmarkPart));
            m.put("size_recency_percentile", round(prior));
            m.put("benchmarks_used", benchmarksUsed);
            return m;
        }
    }

    private QualityModel(Map<String, double[]> benchmarkScores, double[] priors) {
        this.benchmarkScores = benchmarkScores;
        this.priors = priors;
    }

    /** Statistics over the catalog the models are ranked in. */
    public static QualityModel over(List<CatalogModel> catalog) {
        Map<String, List<Double>> by = new HashMap<>();
        double[] priors = new double[catalog.size()];
        int i = 0;
        for (CatalogModel m : catalog) {
            priors[i++] = rawPrior(m);
            m.benchmarks().forEach((k, v) -> by.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Arrays.sort(priors);
        Map<String, double[]> sorted = new HashMap<>();
        by.forEach((k, v) -> sorted.put(k, v.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
        return new QualityModel(sorted, priors);
    }

    public Quality of(CatalogModel m, UseCase useCase) {
        double prior = percentile(priors, rawPrior(m));
        double sum = 0;
        double weights = 0;
        int used = 0;
        for (Map.Entry<String, Double> e : useCase.benchmarks().entrySet()) {
            Double s = m.benchmarks().get(e.getKey());
            double[] all = benchmarkScores.get(e.getKey());
            if (s == null || all == null || all.length < 3) {
                continue;
            }
            sum += percentile(all, s) * e.getValue();
            weights += e.getValue();
            used++;
        }
        if (used == 0) {
            return new Quality(prior, 0, prior, 0);
        }
        double bench = sum / weights;
        double w = used >= 2 ? 0.5 : 0.3;
        return new Quality(w * bench + (1 - w) * prior, bench, prior, used);
    }

    static double rawPrior(CatalogModel m) {
        double effB = Math.sqrt((double) Math.max(1, m.paramsTotal()) * Math.max(1, m.paramsActive())) / 1e9;
        return 20 + 10 * Math.log(Math.max(0.1, effB)) + 4 * (m.releaseYear() - 2023);
    }

    /** Share of values at or below {@code v}, 0–100 (mid-rank for ties). */
    static double percentile(double[] sorted, double v) {
        int below = 0;
        int equal = 0;
        for (double x : sorted) {
            if (x < v) {
                below++;
            } else if (x == v) {
                equal++;
            }
        }
        return 100.0 * (below + 0.5 * equal) / sorted.length;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
