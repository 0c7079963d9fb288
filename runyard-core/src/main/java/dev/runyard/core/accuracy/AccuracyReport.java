package dev.runyard.core.accuracy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples grouped by metric, with median and p90 relative error (nearest-rank percentiles). */
public record AccuracyReport(List<Sample> samples, List<String> skipped) {
    public AccuracyReport {
        samples = List.copyOf(samples);
        skipped = List.copyOf(skipped);
    }

    /**
     * Per metric: count, median and p90 relative error, and the share of measurements inside the prediction's band
     * ({@code inBand} null when the metric has no band).
     */
    public record MetricSummary(String metric, int count, double median, double p90, double max, Double inBand) {
    }

    public List<MetricSummary> summaries() {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        Map<String, int[]> band = new LinkedHashMap<>();
        for (Sample s : samples) {
            by.computeIfAbsent(s.metric(), k -> new ArrayList<>()).add(s.relativeError());
            if (s.inBand() != null) {
                int[] c = band.computeIfAbsent(s.metric(), k -> new int[2]);
                c[0] += s.inBand() ? 1 : 0;
                c[1]++;
            }
        }
        List<MetricSummary> out = new ArrayList<>();
        for (Map.Entry<String, List<Double>> e : by.entrySet()) {
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int[] c = band.get(e.getKey());
            out.add(new MetricSummary(e.getKey(), v.length, percentile(v, 0.5), percentile(v, 0.9), v[v.length - 1],
                    c == null ? null : (double) c[0] / c[1]));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values (the median of an even count is the mean of the middle two). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public AccuracyReport merge(AccuracyReport other) {
        List<Sample> s = new ArrayList<>(samples);
        s.addAll(other.samples);
        List<String> k = new ArrayList<>(skipped);
        k.addAll(other.skipped);
        return new AccuracyReport(s, k);
    }

    @Override
    public String toString() {
        return Arrays.toString(summaries().toArray());
    }
}
