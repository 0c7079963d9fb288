package dev.runyard.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.testing.Calibration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The accuracy targets on the llama.cpp load-log cases copied from ../shared/calibration. */
class LlamaCppAccuracyTest {
    @Test
    void meetsTheTargets() {
        AccuracyReport report = LlamaCppCases.replay(Calibration.read("llamacpp_cases.jsonl"));
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
    }
}
