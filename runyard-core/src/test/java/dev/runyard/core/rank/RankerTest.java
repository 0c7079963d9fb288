package dev.runyard.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.testing.Models;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ranker scores the planner's plans and sizes nothing itself. */
class RankerTest {
    static final CatalogModel SMALL = Models.model("Qwen3-8B", Map.of("gguf", "Qwen/Qwen3-8B-GGUF"));
    static final CatalogModel MID = Models.model("Qwen3-32B");
    static final CatalogModel BIG = Models.model("Llama-3.3-70B");
    static final List<CatalogModel> CATALOG = List.of(SMALL, MID, BIG);

    @Test
    void resultsAreThePlannersPlansSortedByScore() {
        Machine m = Models.machine("RTX 4090", 64);
        Ranker ranker = new Ranker();
        List<RankedResult> r = ranker.rank(CATALOG, m, RankOptions.defaults());
        assertThat(r).isNotEmpty();
        for (int i = 1; i < r.size(); i++) {
            assertThat(r.get(i - 1).score()).isGreaterThanOrEqualTo(r.get(i).score());
        }
        for (RankedResult x : r) {
            assertThat(x.fit()).isNotEqualTo(FitLevel.DOES_NOT_FIT);
            CatalogModel model = CATALOG.stream().filter(c -> c.id().equals(x.model())).findFirst().orElseThrow();
            // the same question asked of the planner directly gives the same plan
            var again = ranker.planner().plan(model, m, PlanRequest.of(Engine.parse(x.engine()), Quant.parse(x.quant()),
                    x.context()));
            assertThat(again).isEqualTo(x.plan());
        }
    }

    @Test
    void filtersHoldAndTheLimitCuts() {
        Machine m = Models.machine("RTX 4090", 64);
        RankOptions fast = new RankOptions(UseCase.GENERAL, 32768, 40, null, null, 2);
        List<RankedResult> r = new Ranker().rank(CATALOG, m, fast);
        assertThat(r).hasSizeLessThanOrEqualTo(2).allSatisfy(x -> {
            assertThat(x.context()).isGreaterThanOrEqualTo(32768);
            assertThat(x.decodeTokensPerS()).isGreaterThanOrEqualTo(40);
        });
        CatalogModel nonCommercial = new CatalogModel(SMALL.id() + "-nc", "nc", "", "cc-by-nc-4.0", true, false,
                "2025-01-01", SMALL.contextLength(), SMALL.paramsTotal(), SMALL.paramsActive(), SMALL.arch(), Map.of(),
                Map.of(), SMALL.artifacts());
        List<RankedResult> commercial = new Ranker().rank(List.of(SMALL, nonCommercial), m,
                new RankOptions(UseCase.GENERAL, 0, 0, null, "commercial", 10));
        assertThat(commercial).extracting(RankedResult::model).containsExactly(SMALL.id());
    }

    @Test
    void pinnedQuantAndContextAreWhatRunAsks() {
        Machine m = Models.machine("RTX 4090", 64);
        Ranker ranker = new Ranker();
        var qm = QualityModel.over(CATALOG);
        RankOptions llama = new RankOptions(UseCase.GENERAL, 0, 0, Engine.LLAMA_CPP, null, 1);
        List<RankedResult> pinned = ranker.variants(SMALL, m, llama, qm, Quant.parse("Q6_K"), 12288);
        assertThat(pinned).singleElement().satisfies(x -> {
            assertThat(x.quant()).isEqualTo("Q6_K");
            assertThat(x.context()).isEqualTo(12288);
        });
        assertThat(ranker.best(SMALL, m, llama, qm).plan())
                .isEqualTo(ranker.variants(SMALL, m, llama, qm, null, 0).get(0).plan());
    }

    @Test
    void servingEnginesStopAt32kByDefault() {
        Machine m = Models.machine("2x H100", 256);
        RankOptions vllm = new RankOptions(UseCase.GENERAL, 0, 0, Engine.VLLM, null, 5);
        RankedResult r = new Ranker().best(MID, m, vllm, QualityModel.over(CATALOG));
        assertThat(r.context()).isEqualTo(32768);
        assertThat(r.command()).contains("--max-model-len 32768");
    }

    @Test
    void datacenterGpusAddVllmAndAppleAddsMlx() {
        assertThat(Candidates.engines(Models.machine("8x H200", 2048), null)).contains(Engine.VLLM);
        assertThat(Candidates.engines(Models.machine("RTX 4090", 64), null)).containsExactly(Engine.LLAMA_CPP);
        assertThat(Candidates.engines(Models.machine("M3 Max 64GB", 64), null)).contains(Engine.MLX);
        assertThat(Candidates.engines(Machine.cpuOnly(64L << 30), null)).containsExactly(Engine.LLAMA_CPP);
    }
}
