package dev.runyard.core.accuracy;

/** One predicted-versus-measured comparison of one metric in one case. */
/**
 * One prediction against one measurement; {@code low}/{@code high} are the prediction's band when it has one (speed),
 * else null.
 */
public record Sample(String caseId, String metric, double predicted, double actual, Double low, Double high) {
    public Sample(String caseId, String metric, double predicted, double actual) {
        this(caseId, metric, predicted, actual, null, null);
    }

    /** Whether the measurement falls inside the band; null without a band. */
    public Boolean inBand() {
        return low == null || high == null ? null : actual >= low && actual <= high;
    }

    public double relativeError() {
        return Math.abs(predicted - actual) / Math.abs(actual);
    }
}
