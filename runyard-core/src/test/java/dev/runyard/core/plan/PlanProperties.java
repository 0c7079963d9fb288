package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.testing.Models;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties every llama.cpp plan keeps, on machines from one small GPU to mixed pairs. */
class PlanProperties {
    static final Planner PLANNER = new Planner();
    static final CatalogModel[] MODELS = {Models.model("Llama-3.1-8B"), Models.model("Qwen3-30B-A3B"),
        Models.model("gemma-3-12b"), Models.model("gpt-oss-20b")};
    static final String[] MACHINES = {"RTX 3060 12GB", "RTX 4090", "RTX 4090 + RTX 3060", "2x RTX 3090"};
    static final String[] QUANTS = {"Q2_K", "IQ4_XS", "Q4_K_M", "Q6_K", "Q8_0"};

    @Property(tries = 60)
    void devicesAddUpAndEachGpuFits(@ForAll @IntRange(min = 0, max = 3) int model,
                                    @ForAll @IntRange(min = 0, max = 3) int machine,
                                    @ForAll @IntRange(min = 0, max = 4) int quant,
                                    @ForAll @IntRange(min = 1, max = 512) int ctxBlocks) {
        Machine m = Models.machine(MACHINES[machine], 64);
        RunPlan p = PLANNER.plan(MODELS[model], m, PlanRequest.of(Engine.LLAMA_CPP, Quant.parse(QUANTS[quant]),
                ctxBlocks * 256L));
        long sum = p.placement().devices().stream().mapToLong(DeviceUsage::totalBytes).sum();
        assertThat(sum).isEqualTo(p.memory().totalBytes());
        if (p.fits() && p.fit() != FitLevel.CPU_ONLY) {
            for (int i = 0; i < m.gpus().size(); i++) {
                assertThat(p.placement().devices().get(i).totalBytes()).isLessThanOrEqualTo(m.usableGpuBytes(i));
            }
        }
    }

    @Property(tries = 40)
    void moreContextNeverNeedsLessMemoryNorFitsBetter(@ForAll @IntRange(min = 0, max = 3) int model,
                                                       @ForAll @IntRange(min = 0, max = 4) int quant,
                                                       @ForAll @IntRange(min = 1, max = 255) int ctxBlocks) {
        Machine m = Models.machine("RTX 4090", 64);
        PlanRequest q = PlanRequest.of(Engine.LLAMA_CPP, Quant.parse(QUANTS[quant]), ctxBlocks * 256L);
        RunPlan shorter = PLANNER.plan(MODELS[model], m, q);
        RunPlan longer = PLANNER.plan(MODELS[model], m, q.withContext(ctxBlocks * 512L));
        assertThat(longer.memory().totalBytes()).isGreaterThanOrEqualTo(shorter.memory().totalBytes());
        assertThat(longer.fit().ordinal()).isGreaterThanOrEqualTo(shorter.fit().ordinal());
    }
}
