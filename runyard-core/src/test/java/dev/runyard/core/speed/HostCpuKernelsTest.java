package dev.runyard.core.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runyard.core.estimate.WeightsEstimate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostCpuKernelsTest {
    private static WeightsEstimate weights(Map<String, Long> byType, long embedding, long output) {
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        return new WeightsEstimate(total, byType, 100, embedding, output, new long[] {total - embedding - output}, 0,
                "test");
    }

    @Test
    void repackedQ4_0RunsAtTheMeasuredRateAndQ8_0AtItsShare() {
        assertThat(HostCpuKernels.prefillShare(weights(Map.of("Q4_0", 18_000_000L), 0, 0))).isCloseTo(1.0, within(1e-9));
        assertThat(HostCpuKernels.prefillShare(weights(Map.of("Q8_0", 34_000_000L), 0, 0))).isCloseTo(0.47, within(1e-9));
        assertThat(HostCpuKernels.prefillShare(weights(Map.of("IQ3_S", 11_000_000L), 0, 0)))
                .isCloseTo(HostCpuKernels.OTHER_SHARE, within(1e-9));
    }

    @Test
    void aTiedQ6_KEmbeddingInAQ4_0FileDoesNotSlowThePrompt() {
        // Qwen2.5-0.5B Q4_0 as llama-quantize writes it: Q4_0 matrices, the tied token_embd promoted to Q8_0.
        long q8 = 144_499_712L;
        WeightsEstimate w = weights(Map.of("Q4_0", 201_000_000L, "Q8_0", q8), q8, 0);
        assertThat(HostCpuKernels.prefillShare(w)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void anUntiedQ4_0EmbeddingIsTakenFromTheFastTypesOnceTheSlowOnesAreUsedUp() {
        // Untied: token_embd Q4_0 (a lookup), output Q6_K: what multiplies in pp512 is Q4_0 only.
        WeightsEstimate w = weights(Map.of("Q4_0", 3_000_000L, "Q6_K", 2_100_000L), 1_000_000L, 2_100_000L);
        assertThat(HostCpuKernels.prefillShare(w)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aQ4_K_MMixIsTheHarmonicMeanOfItsTypesByWeights() {
        // 8 M weights of Q4_K (4.5 bpw) and 2 M of Q6_K (6.5625 bpw): time 8/0.71 + 2/0.34 per 10 M weights.
        WeightsEstimate w = weights(Map.of("Q4_K", 4_500_000L, "Q6_K", 1_640_625L), 0, 0);
        double expected = 10 / (8 / 0.71 + 2 / 0.34);
        assertThat(HostCpuKernels.prefillShare(w)).isCloseTo(expected, within(1e-9));
        assertThat(expected).isBetween(0.34, 0.71);
    }

    @Test
    void eachWeightTypeCostsItsDequantisationWorkOnTopOfItsBytes() {
        // 1 G weights of Q5_0 (5.5 bpw) on the 420 GFLOP/s VM: 4.2 operations a weight, 10 ms a token.
        WeightsEstimate q5 = weights(Map.of("Q5_0", 687_500_000L), 0, 0);
        assertThat(HostCpuKernels.decodeWorkSeconds(q5, 1, 420e9)).isCloseTo(1e9 * 4.2 / 420e9, within(1e-12));
        // A token that reads half the weights (MoE experts) does half the work; no rate, no figure.
        assertThat(HostCpuKernels.decodeWorkSeconds(q5, 0.5, 420e9)).isCloseTo(0.5e9 * 4.2 / 420e9, within(1e-12));
        assertThat(HostCpuKernels.decodeWorkSeconds(q5, 1, 0)).isZero();
        // Q5_K 2.5 and Q6_K 0.82 a weight; Q8_0 and 16-bit none; F32 norms are left out.
        WeightsEstimate mix = weights(Map.of("Q5_K", 687_500_000L, "Q6_K", 820_312_500L, "Q8_0", 1_062_500_000L,
                "F16", 2_000_000_000L, "F32", 4_000_000L), 0, 0);
        assertThat(HostCpuKernels.decodeWorkSeconds(mix, 1, 420e9)).isCloseTo(1e9 * (2.5 + 0.82) / 420e9, within(1e-12));
        // Types not measured take Q5_K's figure, said to be assumed.
        WeightsEstimate q3 = weights(Map.of("Q3_K", 429_687_500L), 0, 0);
        assertThat(HostCpuKernels.decodeWorkSeconds(q3, 1, 420e9))
                .isCloseTo(1e9 * HostCpuKernels.OTHER_WORK / 420e9, within(1e-12));
    }
}
