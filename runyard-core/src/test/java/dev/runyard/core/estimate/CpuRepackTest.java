package dev.runyard.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which weights Runyard counts in llama.cpp's CPU_REPACK buffer (ggml-cpu/repack.cpp on AVX2 and NEON). */
class CpuRepackTest {
    private static LlamaCppSizing sizing(Map<String, Long> byType, long embedding, boolean tied) {
        long total = byType.values().stream().mapToLong(Long::longValue).sum();
        WeightsEstimate w = new WeightsEstimate(total, byType, 10, embedding, 0, new long[] {total - embedding}, 0, "t");
        return new LlamaCppSizing(null, w, null, null, 0, 0, tied, 0, 0, 0, List.of());
    }

    @Test
    void mxfp4ExpertStacksAreRepackedAndTheQ8_0EmbeddingIsNot() {
        // gpt-oss as llama-quantize's MXFP4_MOE writes it: MXFP4 expert stacks, every other tensor Q8_0.
        LlamaCppSizing s = sizing(Map.of("MXFP4", 10_000_000L, "Q8_0", 3_000_000L, "F32", 10_000L), 1_000_000L, false);
        assertThat(s.cpuRepackBytes()).isEqualTo(10_000_000L);
    }

    @Test
    void anUntiedEmbeddingOfARepackedTypeOnlyFeedsLookupsAndStaysMapped() {
        LlamaCppSizing s = sizing(Map.of("Q4_0", 9_000_000L, "Q6_K", 2_000_000L), 1_000_000L, false);
        assertThat(s.cpuRepackBytes()).isEqualTo(8_000_000L);
    }

    @Test
    void q8_0AndK_QuantsOtherThanQ4_KAreNotRepackedOnX86() {
        LlamaCppSizing s = sizing(Map.of("Q8_0", 9_000_000L, "Q6_K", 2_000_000L, "Q5_K", 1_000_000L), 0, true);
        assertThat(s.cpuRepackBytes()).isZero();
    }
}
