package dev.runyard.core.accuracy;

/** One predicted-versus-measured comparison of one metric in one case. */
public record Sample(String caseId, String metric, double predicted, double actual) {
    public double relativeError() {
        return Math.abs(predicted - actual) / Math.abs(actual);
    }
}
