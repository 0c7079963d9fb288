package dev.runyard.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.testing.Calibration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The accuracy targets on the llama.cpp load-log cases copied from ../shared/calibration, plus
 * {@code extra_llamacpp_cases.jsonl}: 12 further mainline logs gathered from public threads (each row cites its URL).
 */
class LlamaCppAccuracyTest {
    @Test
    void meetsTheTargets() {
        java.util.List<com.fasterxml.jackson.databind.JsonNode> rows = new java.util.ArrayList<>(
                Calibration.read("llamacpp_cases.jsonl"));
        rows.addAll(Calibration.read("extra_llamacpp_cases.jsonl"));
        AccuracyReport report = LlamaCppCases.replay(rows);
        for (Sample s : report.samples()) {
            System.out.printf("%-10s %-20s pred %,.0f actual %,.0f err %.4f%n", s.caseId(), s.metric(), s.predicted(),
                    s.actual(), s.relativeError());
        }
        Map<String, AccuracyReport.MetricSummary> m = report.summaries().stream()
                .collect(Collectors.toMap(AccuracyReport.MetricSummary::metric, x -> x));
        m.values().forEach(System.out::println);
        assertThat(m.get("params").median()).isLessThanOrEqualTo(0.005);
        assertThat(m.get("weights").median()).isLessThanOrEqualTo(0.015);
        assertThat(m.get("weights").p90()).isLessThanOrEqualTo(0.05);
        assertThat(m.get("kv_cache").median()).isLessThanOrEqualTo(0.005);
        assertThat(m.get("kv_cache").p90()).isLessThanOrEqualTo(0.02);
        assertThat(m.get("weights+kv+compute").median()).isLessThanOrEqualTo(0.03);
        assertThat(m.get("weights+kv+compute").p90()).isLessThanOrEqualTo(0.10);
        assertThat(m.get("compute").median()).isLessThanOrEqualTo(0.05);
    }
}
