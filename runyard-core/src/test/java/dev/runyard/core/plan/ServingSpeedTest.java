package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.speed.ServingSpeed;
import dev.runyard.core.testing.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vLLM/SGLang serving rates: more requests share each step, so each gets less and all get more. */
class ServingSpeedTest {
    static final CatalogModel LLAMA_8B = Models.model("Llama-3.1-8B");

    @Test
    void aServingPlanReportsRatesAtOneRequestAtTheAskedConcurrencyAndAtThePoolsMost() {
        PlanRequest req = PlanRequest.of(Engine.VLLM, Quant.parse("bf16"), 8192);
        req = new PlanRequest(req.template().toBuilder().parallel(16).build(), 8192, null, null, null, null, null);
        RunPlan p = new Planner().plan(LLAMA_8B, Models.machine("H100", 128), req);
        List<ServingSpeed.Rates> s = p.speed().serving();
        assertThat(s).extracting(ServingSpeed.Rates::concurrency).contains(1, 16);
        assertThat(s.size()).isGreaterThanOrEqualTo(3);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.get(i).perRequestTokensPerS()).isLessThan(s.get(i - 1).perRequestTokensPerS());
            assertThat(s.get(i).aggregateTokensPerS()).isGreaterThan(s.get(i - 1).aggregateTokensPerS());
        }
        // One request reads the 16 GB of weights per token: an H100 (3.35 TB/s x 0.8) manages ~150 tok/s, not 1,000.
        assertThat(s.get(0).perRequestTokensPerS()).isBetween(100.0, 200.0);
        assertThat(s.get(0).ttftMs()).isPositive();
        RunPlan gguf = new Planner().plan(Models.model("Llama-3.1-8B", java.util.Map.of("gguf", "t/x-GGUF")),
                Models.machine("H100", 128), PlanRequest.of(Engine.LLAMA_CPP, Quant.parse("Q4_K_M"), 8192));
        assertThat(gguf.speed().serving()).as("llama.cpp plans report single-stream speed only").isEmpty();
    }

    @Test
    void aPlanThatLoadsMtpBlocksTellsVllmToSpeculateWithThem() {
        CatalogModel v3 = Models.model("DeepSeek-V3");
        PlanRequest req = PlanRequest.of(Engine.VLLM, Quant.parse("fp8"), 8192);
        req = new PlanRequest(req.template().toBuilder().mtp(true).build(), 8192, null, null, null, null, null);
        RunPlan p = new Planner().plan(v3, Models.machine("8x H200", 2048), req);
        assertThat(p.command().text()).contains("--speculative-config '{\"method\":\"mtp\",\"num_speculative_tokens\":1}'");
        RunPlan plain = new Planner().plan(v3, Models.machine("8x H200", 2048), PlanRequest.of(Engine.VLLM,
                Quant.parse("fp8"), 8192));
        assertThat(plain.command().text()).doesNotContain("--speculative-config");
    }
}
