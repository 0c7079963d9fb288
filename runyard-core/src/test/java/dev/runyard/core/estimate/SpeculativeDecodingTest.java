package dev.runyard.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import org.junit.jupiter.api.Test;

class SpeculativeDecodingTest {
    static ModelArchitecture llama(int hidden, int layers) {
        return ArchitectureReader.read(HfConfig.parse("{\"model_type\": \"llama\", \"hidden_size\": " + hidden
                + ", \"num_hidden_layers\": " + layers + ", \"num_attention_heads\": 32, \"num_key_value_heads\": 8,"
                + " \"intermediate_size\": " + hidden * 3 + ", \"vocab_size\": 128256}", "test"));
    }

    @Test
    void llamaCppAddsTheDraftsWeightsCacheAndBufferOnTheFirstGpu() {
        EstimateRequest req = EstimateRequest.builder(Quant.parse("Q4_K_M")).ctx(16384).build();
        MemoryEstimate target = MemoryEstimator.estimate(llama(4096, 32), req);
        MemoryEstimate draft = MemoryEstimator.estimate(llama(2048, 16), req);
        MemoryEstimate both = SpeculativeDecoding.withDraft(target, draft, "draft");
        assertThat(both.weightsBytes()).isEqualTo(target.weightsBytes() + draft.weightsBytes());
        assertThat(both.kvCacheBytes()).isEqualTo(target.kvCacheBytes() + draft.kvCacheBytes());
        assertThat(both.totalBytes()).isEqualTo(target.totalBytes() + draft.weightsBytes() + draft.kvCacheBytes()
                + draft.computeBytes());
        assertThat(both.breakdown().stream().mapToLong(Part::bytes).sum()).isEqualTo(both.totalBytes());
        assertThat(both.devices().stream().mapToLong(DeviceUsage::totalBytes).sum()).isEqualTo(both.totalBytes());
    }

    @Test
    void vllmShrinksThePoolAndAddsTheDraftsPagesToEveryToken() {
        EstimateRequest req = EstimateRequest.builder(Quant.parse("bf16")).engine(Engine.VLLM).ctx(32768)
                .gpuMemoryBytes(80L << 30).build();
        MemoryEstimate target = MemoryEstimator.estimate(llama(4096, 32), req);
        MemoryEstimate draft = MemoryEstimator.estimate(llama(2048, 16), req);
        MemoryEstimate both = SpeculativeDecoding.withDraft(target, draft, "draft");
        assertThat(both.kvBytesPerToken()).isEqualTo(target.kvBytesPerToken() + draft.kvBytesPerToken());
        assertThat(both.kvCapacityTokens()).isLessThan(target.kvCapacityTokens());
        assertThat(both.totalBytes()).isEqualTo(target.totalBytes());
        assertThat(both.breakdown().stream().mapToLong(Part::bytes).sum()).isEqualTo(both.totalBytes());
    }
}
