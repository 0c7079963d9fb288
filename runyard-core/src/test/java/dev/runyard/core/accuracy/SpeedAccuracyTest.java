package dev.runyard.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.testing.Calibration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The speed targets on the measured llama-bench rows copied from ../shared/calibration. */
class SpeedAccuracyTest {
    @Test
    void meetsTheTargets() {
        AccuracyReport report = SpeedCases.replay(Calibration.read("speed_cases.jsonl"), AcceleratorDatabase.bundled());
        for (Sample s : report.samples()) {
            if (s.relativeError() > 0.25) {
                System.out.printf("%-12s %-22s pred %.1f actual %.1f err %.3f%n", s.caseId(), s.metric(), s.predicted(),
                        s.actual(), s.relativeError());
            }
        }
        Map<String, AccuracyReport.MetricSummary> m = report.summaries().stream()
                .collect(Collectors.toMap(AccuracyReport.MetricSummary::metric, x -> x));
        m.values().forEach(System.out::println);
        AccuracyReport loho = SpeedCases.leaveOneHardwareOut(Calibration.read("speed_cases.jsonl"),
                AcceleratorDatabase.bundled());
        loho.summaries().forEach(x -> System.out.println("LOHO " + x));
        for (Sample s : loho.samples()) {
            if (s.relativeError() > 0.25) {
                System.out.printf("LOHO %-12s %-22s pred %.1f actual %.1f err %.3f%n", s.caseId(), s.metric(),
                        s.predicted(), s.actual(), s.relativeError());
            }
        }
        report.skipped().forEach(System.out::println);
        assertThat(m.get("decode_tokens_per_s").median()).isLessThanOrEqualTo(0.10);
        assertThat(m.get("decode_tokens_per_s").p90()).isLessThanOrEqualTo(0.25);
        assertThat(m.get("prefill_tokens_per_s").median()).isLessThanOrEqualTo(0.20);
        assertThat(m.get("prefill_tokens_per_s").p90()).isLessThanOrEqualTo(0.45);
    }
}
