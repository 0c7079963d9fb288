package dev.runyard.core.rank;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.RunPlan;

/**
 * A variant the ranker scored from a priced plan ({@code Planner#price}): enough to order and choose variants, not
 * to show one. The ranker plans the ones it shows in full from the same request ({@link Ranker}).
 */
record PricedPlan(CatalogModel model, PlanRequest request, RunPlan plan, double score) {
    String engine() {
        return plan.engine().key();
    }

    String quant() {
        return plan.quant().name();
    }

    FitLevel fit() {
        return plan.fit();
    }

    long context() {
        return plan.context();
    }

    double decodeTokensPerS() {
        return plan.decodeTokensPerS();
    }
}
