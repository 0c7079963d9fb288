package dev.runyard.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ranker prunes (a model or quant whose best possible score cannot reach the list is never planned). Pruning must
 * not change a single row: the pruned list equals the exhaustive one on every tier and use case tried, and the decode
 * ceiling used as the bound is never below a plan's estimate.
 */
class PruningTest {
    static final List<CatalogModel> CATALOG = CatalogModels.bundled();

    static Machine machine(String gpu, long ramGib) {
        return gpu.equals("cpu") ? MachineResolver.resolve(null, null, ramGib << 30).machine()
                : MachineResolver.resolve(gpu, null, ramGib << 30).machine();
    }

    @ParameterizedTest
    @CsvSource({"RTX 4060 8GB,32,general,10", "RTX 3060 12GB,32,coding,10", "RTX 4060 Ti 16GB,64,math,20",
        "RTX 4090,64,general,20", "2x RTX 3090,128,reasoning,10", "M3 Max 64GB,64,general,10",
        "M2 Ultra 192GB,192,chat,10", "8x H200,2048,general,10", "8x H200,2048,coding,40", "cpu,16,general,10",
        "RTX 4090,64,long-context,200"})
    void prunedRankingEqualsExhaustive(String gpu, long ram, String useCase, int limit) {
        Machine m = machine(gpu, ram);
        RankOptions o = new RankOptions(UseCase.parse(useCase), 0, 0, null, null, limit);
        Ranker ranker = new Ranker();
        List<String> pruned = ranker.rank(CATALOG, m, o, true).stream().map(PruningTest::row).toList();
        List<String> all = ranker.rank(CATALOG, m, o, false).stream().map(PruningTest::row).toList();
        assertThat(pruned).isNotEmpty().isEqualTo(all);
    }

    static String row(RankedResult r) {
        return r.model() + " " + r.engine() + " " + r.quant() + " " + r.context() + " " + r.score();
    }

    @ParameterizedTest
    @CsvSource({"RTX 4060 8GB,32", "RTX 4090,64", "2x RTX 3090,128", "M3 Max 64GB,64", "8x H200,2048", "cpu,16"})
    void decodeCeilingIsNeverBelowAPlansEstimate(String gpu, long ram) {
        Machine machine = machine(gpu, ram);
        Planner planner = new Planner();
        int checked = 0;
        for (Candidate c : candidates(machine)) {
            RunPlan p = planner.plan(c.model(), machine, PlanRequest.of(c.engine(), c.quant(), 8192));
            if (p.fits()) {
                assertThat(Candidates.decodeCeiling(c.model().arch(), c.quant(), machine))
                        .as(c.model().id() + " " + c.quant().name() + " on " + c.engine().key())
                        .isGreaterThanOrEqualTo(p.decodeTokensPerS());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** A catalog model, an engine the machine can run and a quant the ranker would try for it. */
    record Candidate(CatalogModel model, Engine engine, Quant quant) {
    }

    /** Every (model, engine, quant) the ranker would ask the planner about on the machine. */
    static List<Candidate> candidates(Machine machine) {
        List<Candidate> out = new java.util.ArrayList<>();
        for (CatalogModel m : CATALOG) {
            if (m.arch() == null) {
                continue;
            }
            for (Engine e : List.of(Engine.LLAMA_CPP, Engine.VLLM, Engine.MLX)) {
                if (e == Engine.MLX && !machine.unifiedMemory() || e == Engine.VLLM && !machine.hasGpu()) {
                    continue;
                }
                for (Quant q : Candidates.quants(m, e, machine)) {
                    out.add(new Candidate(m, e, q));
                }
            }
        }
        return out;
    }
}
