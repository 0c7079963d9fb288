package dev.runyard.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.testing.Calibration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The vLLM targets on the startup logs copied from ../shared/calibration. */
class VllmAccuracyTest {
    @Test
    void meetsTheTargets() {
        AccuracyReport report = VllmCases.replay(Calibration.read("vllm_logs.jsonl"), new ConfigIndex(Calibration.read("model_configs.jsonl")));
        for (Sample s : report.samples()) {
            System.out.printf("%-40s %-22s pred %,.0f actual %,.0f err %.4f%n", s.caseId(), s.metric(), s.predicted(),
                    s.actual(), s.relativeError());
        }
        report.skipped().forEach(s -> System.out.println("skipped " + s));
        Map<String, AccuracyReport.MetricSummary> m = report.summaries().stream()
                .collect(Collectors.toMap(AccuracyReport.MetricSummary::metric, x -> x));
        m.values().forEach(System.out::println);
        assertThat(m.get("vllm_weights_per_gpu").median()).isLessThanOrEqualTo(0.03);
        assertThat(m.get("kv_bytes_per_token").median()).isLessThanOrEqualTo(0.02);
    }
}
