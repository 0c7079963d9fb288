package dev.runyard.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.QuantQuality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ranker stops trying shorter contexts of a quant once a plan is all on the GPUs with full headroom
 * ({@link Ranker#priced}): every shorter context must then be all on the GPUs too, at the same start-of-context
 * speed, and score no higher. Checked on every catalog model, engine and quant the ranker tries, at every context.
 */
class FullHeadroomTest {
    @ParameterizedTest
    @CsvSource({"RTX 4060 8GB,16", "RTX 4090,64", "2x RTX 3090,128", "M3 Max 64GB,64", "H100,256"})
    void noShorterContextBeatsAFullGpuPlanWithFullHeadroom(String gpu, long ram) {
        Machine machine = PruningTest.machine(gpu, ram);
        Planner planner = new Planner();
        QualityModel qm = QualityModel.over(PruningTest.CATALOG);
        int premises = 0;
        for (PruningTest.Candidate c : PruningTest.candidates(machine)) {
            if (!c.engine().usesGguf()) {
                continue; // serving engines price one context only
            }
            QualityModel.Quality quality = qm.of(c.model(), UseCase.GENERAL);
            double loss = QuantQuality.loss(c.quant(), c.model().paramsTotal());
            RunPlan full = null;
            double fullScore = 0;
            for (long ctx : Candidates.CONTEXTS) {
                RunPlan p = planner.price(c.model(), machine, PlanRequest.of(c.engine(), c.quant(), ctx));
                double s = Ranker.score(quality, loss, p.decodeTokensPerS(), p.context(), p.placement(), machine);
                String what = c.model().id() + " " + c.quant().name() + " at " + ctx;
                if (full != null) {
                    assertThat(p.fit()).as(what).isEqualTo(FitLevel.FULL_GPU);
                    assertThat(p.decodeTokensPerS()).as(what).isEqualTo(full.decodeTokensPerS());
                    assertThat(Math.round(s * 100) / 100.0).as(what).isLessThanOrEqualTo(Math.round(fullScore * 100) / 100.0);
                } else if (p.fits() && p.fit() == FitLevel.FULL_GPU && Ranker.headroomScore(p.placement(), machine) >= 100
                        && ctx > 4096) {
                    full = p;
                    fullScore = s;
                    premises++;
                }
            }
        }
        assertThat(premises).isGreaterThan(5);
    }
}
