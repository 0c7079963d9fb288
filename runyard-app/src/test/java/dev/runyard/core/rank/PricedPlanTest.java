package dev.runyard.core.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ranker scores priced plans ({@link Planner#price}) and shows full ones: both must agree on everything a score
 * or an order reads (fit, placement, bytes per device, context, start-of-context speed), for every catalog model,
 * engine and quant the ranker would try, at contexts that fit, offload and do not fit. A priced plan can never
 * become a shown result.
 */
class PricedPlanTest {
    @ParameterizedTest
    @CsvSource({"RTX 4060 8GB,16", "RTX 4090,64", "2x RTX 3090,128", "M3 Max 64GB,64", "8x H200,2048", "cpu,32"})
    void aPricedPlanScoresExactlyAsTheFullPlan(String gpu, long ram) {
        Machine machine = PruningTest.machine(gpu, ram);
        Planner planner = new Planner();
        int compared = 0;
        for (PruningTest.Candidate c : PruningTest.candidates(machine)) {
            for (long ctx : List.of(4096L, 131072L)) {
                PlanRequest req = PlanRequest.of(c.engine(), c.quant(), ctx);
                RunPlan full = planner.plan(c.model(), machine, req);
                RunPlan priced = planner.price(c.model(), machine, req);
                assertThat(scored(priced)).as(c.model().id() + " " + c.engine().key() + " " + c.quant().name() + " " + ctx)
                        .isEqualTo(scored(full));
                assertThat(priced.command()).isNull();
                assertThat(full.command()).isNotNull();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(300);
    }

    /** What a score and the order of variants read from a plan. */
    private static Map<String, Object> scored(RunPlan p) {
        return Map.of("fit", String.valueOf(p.fit()), "placement", p.placement(), "context", p.context(),
                "quant", p.quant().name(), "engine", p.engine().key(), "decode", p.decodeTokensPerS(),
                "prefill", String.valueOf(p.speed() == null ? null : p.speed().prefillTokensPerS()),
                "memory", withoutParts(p.memory()));
    }

    /** The whole memory estimate but its breakdown's parts (which a priced plan leaves out). */
    private static dev.runyard.core.estimate.MemoryEstimate withoutParts(dev.runyard.core.estimate.MemoryEstimate e) {
        return new dev.runyard.core.estimate.MemoryEstimate(e.engine(), e.quant(), e.ctx(), e.params(),
                e.activeParams(), e.weightsBytes(), e.kvCacheBytes(), e.computeBytes(), e.overheadBytes(), e.devices(),
                List.of(), e.warnings(), e.kvBytesPerToken(), e.kvCapacityTokens(), e.maxConcurrency(),
                e.bitsPerWeight());
    }

    @ParameterizedTest
    @CsvSource({"RTX 4090,64"})
    void aPricedPlanIsNeverAShownResult(String gpu, long ram) {
        Machine machine = PruningTest.machine(gpu, ram);
        CatalogModel m = PruningTest.CATALOG.stream().filter(x -> x.arch() != null
                && !Candidates.quants(x, Engine.LLAMA_CPP, machine).isEmpty()).findFirst().orElseThrow();
        Quant q = Candidates.quants(m, Engine.LLAMA_CPP, machine).get(0);
        RunPlan priced = new Planner().price(m, machine, PlanRequest.of(Engine.LLAMA_CPP, q, 4096));
        assertThatThrownBy(() -> new RankedResult(m.id(), m.name(), priced, 1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("priced");
    }
}
