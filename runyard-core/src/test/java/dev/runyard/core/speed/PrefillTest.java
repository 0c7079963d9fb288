package dev.runyard.core.speed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.testing.Models;
import org.junit.jupiter.api.Test;

/** Directions of the prefill terms added for the tail rows (issue 13). */
class PrefillTest {
    static final ModelArchitecture MOE = Models.model("Qwen3-30B-A3B").arch();
    static final WeightsEstimate W = WeightsEstimator.gguf(MOE, SpeedModelTest.Q4, false);

    static SpeedInputs moe(KernelEra era) {
        return new SpeedInputs(MOE, W, true, SpeedModelTest.RTX_4090, 1, Backend.CUDA,
                SpeedModel.Parallelism.LAYER_SPLIT, 0, 0, 89.6, SpeedModel.activeParams(MOE), false, true, era);
    }

    @Test
    void expertsRunAtTheTileShareOfTheTokensRoutedToThem() {
        // 512 tokens × 8 of 128 experts = 32 tokens per expert: a quarter of MMQ's 128-column tile
        assertThat(Prefill.expertShare(moe(KernelEra.CURRENT), 512)).isEqualTo(0.25);
        assertThat(Prefill.expertShare(moe(KernelEra.FP16_GEMM), 512)).isEqualTo(1.0);
        double dense = Prefill.expertParams(SpeedModelTest.LLAMA);
        assertThat(dense).isZero();
        assertThat(Prefill.expertParams(MOE)).isPositive();
    }

    @Test
    void aMicroBatchTouchesNearlyEveryExpertAndOneTokenOnlyItsOwn() {
        assertThat(Prefill.touched(MOE, 512)).isGreaterThan(0.999);
        assertThat(Prefill.touched(MOE, 1)).isEqualTo(8.0 / 128, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Prefill.touched(SpeedModelTest.LLAMA, 1)).isEqualTo(1.0);
    }

    @Test
    void aLongerPromptCostsMoreAttentionPerToken() {
        SpeedInputs in = SpeedModelTest.inputs(SpeedModelTest.RTX_4090, 1, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0);
        double pp512 = SpeedModel.rates(in).prefill();
        double pp4096 = SpeedModel.rates(in.withPrompt(4096)).prefill();
        assertThat(pp4096).isLessThan(pp512);
    }

    @Test
    void rowSplitPromptsPayTheirGathers() {
        SpeedInputs in = SpeedModelTest.inputs(SpeedModelTest.RTX_4090, 2, SpeedModel.Parallelism.ROW_SPLIT, 0, 0);
        double slow = SpeedModel.rates(in, SpeedConstants.PRIORS.with(SpeedModel.ROW_GATHER_KEY, 1)).prefill();
        double fast = SpeedModel.rates(in, SpeedConstants.PRIORS.with(SpeedModel.ROW_GATHER_KEY, 20)).prefill();
        assertThat(slow).isLessThan(fast / 2);
    }
}
