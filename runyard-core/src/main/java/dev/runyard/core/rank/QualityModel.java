package dev.runyard.core.rank;

import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's quality for a use case, 0–100, from published benchmark scores:
 * <ul>
 *   <li>each score becomes its percentile among the catalog models that report the same benchmark (so a saturated
 *       benchmark such as IFEval does not flatter a small model, and a leaderboard's normalized scores are only
 *       compared with each other), shifted by how strong that group of reporters is: the mean size-and-recency
 *       percentile of the models reporting the benchmark, minus 50 (topping a leaderboard of 2024 7B models is not
 *       topping one of 2026 frontier models);</li>
 *   <li>the benchmark part is the use case's weighted mean of those percentiles ({@link UseCase});</li>
 *   <li>a size-and-recency prior, {@code 20 + 10·ln(effective B params) + 4·(year − 2023)} with effective params
 *       √(total × active) for MoE, turned into its percentile over the catalog, stands in for what the scores do
 *       not cover (newer beats older at equal evidence);</li>
 *   <li>quality = 0.7 × benchmarks + 0.3 × prior with two or more matching benchmarks ("measured"), 0.4/0.6 with
 *       one ("partial");</li>
 *   <li>a model with none gets a family estimate: its prior plus half the mean amount by which its family's measured
 *       models beat their own priors ("family estimate", lower confidence), else the prior alone ("size prior").</li>
 * </ul>
 */
public final class QualityModel {
    private final Map<String, double[]> benchmarkScores;
    private final Map<String, Double> groupOffset;
    private final double[] priors;
    private final Map<String, Double> familyOffset;

    /**
     * One score that counted: benchmark, the model's score, its percentile after the group shift, the shift (how
     * strong the models reporting this benchmark are, −50…+50), its weight, where it was published.
     */
    public record Evidence(String benchmark, double score, double percentile, double groupOffset, double weight,
                           String source) {
    }

    /** One model's quality, its parts, the evidence and how much to trust it ("measured" … "size prior"). */
    public record Quality(double score, double benchmarkPart, double prior, int benchmarksUsed, String confidence,
                          List<Evidence> evidence) {
        public Quality(double score, double benchmarkPart, double prior, int benchmarksUsed) {
            this(score, benchmarkPart, prior, benchmarksUsed, benchmarksUsed >= 2 ? "measured"
                    : benchmarksUsed == 1 ? "partial" : "size prior", List.of());
        }

        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quality", round(score));
            m.put("benchmark_percentile", round(benchmarkPart));
            m.put("size_recency_percentile", round(prior));
            m.put("benchmarks_used", benchmarksUsed);
            m.put("quality_confidence", confidence);
            List<Map<String, Object>> ev = new ArrayList<>();
            for (Evidence e : evidence) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("benchmark", e.benchmark());
                x.put("score", e.score());
                x.put("percentile", round(e.percentile()));
                x.put("group_offset", round(e.groupOffset()));
                x.put("weight", e.weight());
                x.put("source", e.source());
                ev.add(x);
            }
            m.put("evidence", ev);
            return m;
        }
    }

    private QualityModel(Map<String, double[]> benchmarkScores, Map<String, Double> groupOffset, double[] priors,
                         Map<String, Double> familyOffset) {
        this.benchmarkScores = benchmarkScores;
        this.groupOffset = groupOffset;
        this.priors = priors;
        this.familyOffset = familyOffset;
    }

    private static volatile Object[] last = {null, null};

    /** Statistics over the catalog the models are ranked in (the last catalog's are kept: ranking asks per query). */
    public static QualityModel over(List<CatalogModel> catalog) {
        Object[] l = last;
        if (l[0] == catalog) {
            return (QualityModel) l[1];
        }
        QualityModel q = compute(catalog);
        last = new Object[] {catalog, q};
        return q;
    }

    private static QualityModel compute(List<CatalogModel> catalog) {
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
        Map<String, double[]> groups = new HashMap<>();
        for (CatalogModel m : catalog) {
            double p = percentile(priors, rawPrior(m));
            for (String b : m.benchmarks().keySet()) {
                double[] g = groups.computeIfAbsent(b, k -> new double[2]);
                g[0] += p;
                g[1]++;
            }
        }
        Map<String, Double> offsets = new HashMap<>();
        groups.forEach((k, g) -> offsets.put(k, g[0] / g[1] - 50));
        QualityModel partial = new QualityModel(sorted, offsets, priors, Map.of());
        return new QualityModel(sorted, offsets, priors, partial.familyOffsets(catalog));
    }

    /** Per family, per use case: the mean of (benchmark part − prior) over its measured models. */
    private Map<String, Double> familyOffsets(List<CatalogModel> catalog) {
        Map<String, double[]> sums = new HashMap<>();
        for (CatalogModel m : catalog) {
            if (m.family() == null || m.family().isEmpty()) {
                continue;
            }
            for (UseCase u : UseCase.values()) {
                Quality q = measured(m, u);
                if (q.benchmarksUsed() >= 2) {
                    double[] s = sums.computeIfAbsent(m.family() + "|" + u, k -> new double[2]);
                    s[0] += q.benchmarkPart() - q.prior();
                    s[1]++;
                }
            }
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((k, s) -> out.put(k, s[0] / s[1]));
        return out;
    }

    public Quality of(CatalogModel m, UseCase useCase) {
        // Asked twice per model by every ranking (its bound, then its plans): remembered per catalog entry.
        IdentityKey key = new IdentityKey(m, useCase);
        Quality q = known.get(key);
        if (q == null) {
            q = ofUncached(m, useCase);
            if (known.size() >= 65_536) {
                known.clear();
            }
            known.put(key, q);
        }
        return q;
    }

    /** Catalog entries are immutable and hash deeply: identity is the right key. */
    private record IdentityKey(CatalogModel model, UseCase useCase) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.model == model && k.useCase == useCase;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(model) * 31 + useCase.hashCode();
        }
    }

    private final Map<IdentityKey, Quality> known = new java.util.concurrent.ConcurrentHashMap<>();

    private Quality ofUncached(CatalogModel m, UseCase useCase) {
        Quality q = measured(m, useCase);
        if (q.benchmarksUsed() > 0) {
            return q;
        }
        Double off = m.family() == null ? null : familyOffset.get(m.family() + "|" + useCase);
        if (off == null) {
            return q;
        }
        double est = Math.max(0, Math.min(100, q.prior() + 0.5 * off));
        return new Quality(est, 0, q.prior(), 0, "family estimate", List.of());
    }

    private Quality measured(CatalogModel m, UseCase useCase) {
        double prior = percentile(priors, rawPrior(m));
        double sum = 0;
        double weights = 0;
        List<Evidence> evidence = new ArrayList<>();
        for (Map.Entry<String, Double> e : useCase.benchmarks().entrySet()) {
            Double s = m.benchmarks().get(e.getKey());
            double[] all = benchmarkScores.get(e.getKey());
            if (s == null || all == null || all.length < 3) {
                continue;
            }
            double shift = groupOffset.getOrDefault(e.getKey(), 0.0);
            double p = Math.max(0, Math.min(100, percentile(all, s) + shift));
            sum += p * e.getValue();
            weights += e.getValue();
            evidence.add(new Evidence(e.getKey(), s, p, shift, e.getValue(),
                    m.benchmarkSources().getOrDefault(e.getKey(), "")));
        }
        int used = evidence.size();
        if (used == 0) {
            return new Quality(prior, 0, prior, 0, "size prior", List.of());
        }
        evidence.sort(java.util.Comparator.comparing(Evidence::benchmark));
        double bench = sum / weights;
        double w = used >= 2 ? 0.7 : 0.4;
        return new Quality(w * bench + (1 - w) * prior, bench, prior, used, used >= 2 ? "measured" : "partial",
                List.copyOf(evidence));
    }

    static double rawPrior(CatalogModel m) {
        double effB = Math.sqrt((double) Math.max(1, m.paramsTotal()) * Math.max(1, m.paramsActive())) / 1e9;
        return 20 + 10 * Math.log(Math.max(0.1, effB)) + 4 * (m.releaseYear() - 2023);
    }

    /** Share of values at or below {@code v}, 0–100 (mid-rank for ties). */
    static double percentile(double[] sorted, double v) {
        int below = bound(sorted, v, false);
        int equal = bound(sorted, v, true) - below;
        return 100.0 * (below + 0.5 * equal) / sorted.length;
    }

    /** Index of the first value above {@code v} ({@code above}) or at or above it, by binary search. */
    private static int bound(double[] sorted, double v, boolean above) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v || above && sorted[mid] == v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
