package dev.runyard.core.speed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.testing.Models;
import org.junit.jupiter.api.Test;

/** Directions the speed model must keep, whatever its calibrated constants. */
class SpeedModelTest {
    static final ModelArchitecture LLAMA = Models.model("Llama-3.1-8B").arch();
    static final Quant.Gguf Q4 = (Quant.Gguf) Quant.parse("Q4_K_M");
    static final WeightsEstimate W = WeightsEstimator.gguf(LLAMA, Q4, false);
    static final Accelerator RTX_4090 = AcceleratorDatabase.bundled().find("RTX 4090").orElseThrow();
    static final Accelerator H100 = AcceleratorDatabase.bundled().find("H100").orElseThrow();

    static SpeedInputs inputs(Accelerator acc, int gpus, SpeedModel.Parallelism par, long kvRead, long offloaded) {
        return new SpeedInputs(LLAMA, W, Q4.dequantizesOnDecode(), acc, gpus, dev.runyard.core.hardware.Backend.CUDA,
                par, kvRead, offloaded, 89.6, SpeedModel.activeParams(LLAMA), false);
    }

    @Test
    void moreBandwidthDecodesFaster() {
        double a = SpeedModel.rates(inputs(RTX_4090, 1, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0)).decode();
        double b = SpeedModel.rates(inputs(H100, 1, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0)).decode();
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void bytesInRamAndDeeperContextsAreSlower() {
        double base = SpeedModel.rates(inputs(RTX_4090, 1, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0)).decode();
        double deep = SpeedModel.rates(inputs(RTX_4090, 1, SpeedModel.Parallelism.LAYER_SPLIT, 2L << 30, 0)).decode();
        double offload = SpeedModel.rates(inputs(RTX_4090, 1, SpeedModel.Parallelism.LAYER_SPLIT, 0, W.bytes() / 2))
                .decode();
        assertThat(deep).isLessThan(base);
        assertThat(offload).isLessThan(base / 2);
    }

    @Test
    void tensorParallelDividesTheBytesLayerSplitDoesNot() {
        double one = SpeedModel.rates(inputs(H100, 1, SpeedModel.Parallelism.TENSOR_PARALLEL, 0, 0)).decode();
        double tp4 = SpeedModel.rates(inputs(H100, 4, SpeedModel.Parallelism.TENSOR_PARALLEL, 0, 0)).decode();
        double split4 = SpeedModel.rates(inputs(H100, 4, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0)).decode();
        assertThat(tp4).isGreaterThan(one);
        assertThat(split4).isLessThanOrEqualTo(one);
    }

    @Test
    void noPublishedFlopsMeansNoPrefillAndTheBasisSaysWhatWasAssumed() {
        Accelerator cpu = new Accelerator("cpu", dev.runyard.core.hardware.GpuVendor.OTHER, "CPU", java.util.List.of(64.0), 89.6, 0, false, false, false,
                "cpu", java.util.List.of(), "", "");
        SpeedEstimate s = SpeedModel.estimate(inputs(cpu, 1, SpeedModel.Parallelism.LAYER_SPLIT, 1000, 0));
        assertThat(s.prefillTokensPerS()).isNull();
        assertThat(s.decodeLow()).isLessThan(s.decodeTokensPerS());
        assertThat(s.decodeHigh()).isGreaterThan(s.decodeTokensPerS());
        assertThat(s.basis()).containsKeys("method", "bandwidth_gbs", "bytes_per_token", "kv_read_bytes_per_token",
                "offloaded_bytes", "ram_bandwidth_gbs").containsEntry("kv_read_bytes_per_token", 1000L);
    }

    @Test
    void tiedEmbeddingsAreReadEveryTokenAsTheOutputLayer() {
        ModelArchitecture tied = Models.model("Qwen3-4B").arch();
        assertThat(tied.tiedEmbeddings()).isTrue();
        WeightsEstimate w = WeightsEstimator.gguf(tied, Q4, false);
        // the embedding lookup reads one row, but the tied output layer multiplies with the whole matrix
        assertThat(SpeedModel.activeWeightBytes(tied, w)).isEqualTo((double) w.bytes());
        assertThat(SpeedModel.activeWeightBytes(LLAMA, W)).isEqualTo((double) W.bytes() - W.embeddingBytes());
    }

    @Test
    void onlyLowBitBlockQuantsPayToDequantize() {
        assertThat(Quant.parse("Q4_K_M").dequantizesOnDecode()).isTrue();
        assertThat(Quant.parse("MXFP4_MOE").dequantizesOnDecode()).isTrue();
        assertThat(Quant.parse("Q8_0").dequantizesOnDecode()).isFalse();
        assertThat(Quant.parse("BF16").dequantizesOnDecode()).isFalse();
        assertThat(Quant.parse("awq").dequantizesOnDecode()).isFalse();
        assertThat(Quant.parse("mlx-4bit").dequantizesOnDecode()).isTrue();
    }

    @Test
    void currentCudaAndMetalBuildsSumTheExpertsInFusedAdds() {
        // 8 experts: 7 chained adds, one fused kernel (up to 8 adds each), plus the view they start from.
        assertThat(SpeedModel.expertSumKernels(8, dev.runyard.core.hardware.Backend.METAL, KernelEra.CURRENT)).isEqualTo(2);
        assertThat(SpeedModel.expertSumKernels(8, dev.runyard.core.hardware.Backend.CUDA, KernelEra.CURRENT)).isEqualTo(2);
        assertThat(SpeedModel.expertSumKernels(10, dev.runyard.core.hardware.Backend.CUDA, KernelEra.CURRENT)).isEqualTo(3);
        // Older builds and other backends launch every add.
        assertThat(SpeedModel.expertSumKernels(8, dev.runyard.core.hardware.Backend.CUDA, KernelEra.FP16_GEMM)).isEqualTo(8);
        assertThat(SpeedModel.expertSumKernels(8, dev.runyard.core.hardware.Backend.VULKAN, KernelEra.CURRENT)).isEqualTo(8);
    }

    @Test
    void appleChipsLookUpTheirGpuFamilyFirst() {
        Accelerator m4Pro = AcceleratorDatabase.bundled().find("M4 Pro (16-core GPU)").orElseThrow();
        Accelerator m2Ultra = AcceleratorDatabase.bundled().find("M2 Ultra (76-core GPU)").orElseThrow();
        SpeedInputs pro = new SpeedInputs(LLAMA, W, true, m4Pro, 1, dev.runyard.core.hardware.Backend.METAL,
                SpeedModel.Parallelism.LAYER_SPLIT, 0, 0, 0, SpeedModel.activeParams(LLAMA), false);
        SpeedInputs ultra = new SpeedInputs(LLAMA, W, true, m2Ultra, 1, dev.runyard.core.hardware.Backend.METAL,
                SpeedModel.Parallelism.LAYER_SPLIT, 0, 0, 0, SpeedModel.activeParams(LLAMA), false);
        assertThat(SpeedModel.bandwidthKeys(pro))
                .containsExactly("bandwidth/metal/apple/apple9", "bandwidth/metal/apple", "bandwidth/metal");
        // An Ultra (two dies) takes its family's share.
        assertThat(SpeedModel.bandwidthKeys(ultra))
                .containsExactly("bandwidth/metal/apple/apple8", "bandwidth/metal/apple", "bandwidth/metal");
        // The same chip on llama.cpp's CPU backend has no GPU family.
        assertThat(SpeedModel.appleGpuFamily(new SpeedInputs(LLAMA, W, true, m4Pro, 1,
                dev.runyard.core.hardware.Backend.CPU, SpeedModel.Parallelism.LAYER_SPLIT, 0, 0, 0,
                SpeedModel.activeParams(LLAMA), false))).isNull();
    }
}
