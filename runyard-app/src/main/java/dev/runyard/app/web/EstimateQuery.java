package dev.runyard.app.web;

import dev.runyard.app.api.EstimateView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.catalog.CatalogSource;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/estimate}: the CLI's {@code estimate --model} with the same parameters as query parameters,
 * answered by the same planner: {@code gpu}/{@code gpus}/{@code ram}/{@code rig} name the machine; without them the
 * answer sizes requirements on {@code gpus} GPUs (as {@code estimate --gpus N} does).
 */
final class EstimateQuery {
    private EstimateQuery() {
    }

    static EstimateView run(Context ctx, CatalogSource catalog, RankService ranks, RigStore rigs) {
        String id = Params.require(ctx, "model", "Qwen/Qwen3-8B");
        CatalogModel m = catalog.find(id).orElseThrow(() -> RunyardException.notFound("unknown model \"" + id + "\"",
                "closest: " + String.join(", ", catalog.closest(id, 5))));
        if (m.arch() == null) {
            throw RunyardException.badInput("the catalog has no config for " + m.id(), "it cannot be sized");
        }
        Quant q = Quant.parse(Params.require(ctx, "quant", "Q4_K_M"));
        Long tokens = Params.tokens(ctx, "ctx", EstimateRequest.MAX_CTX);
        String engine = Params.str(ctx, "engine");
        Integer gpus = Params.integer(ctx, "gpus", 1, 1024);
        Integer parallel = Params.integer(ctx, "parallel", 1, 4096);
        String kv = Params.str(ctx, "kv_type");
        EstimateRequest.Builder b = EstimateRequest.builder(q).ctx(tokens == null ? 4096 : tokens)
                .engine(engine == null ? Engine.LLAMA_CPP : Engine.parse(engine))
                .parallel(parallel == null ? 1 : parallel).gpus(gpus == null ? 1 : gpus);
        if (kv != null) {
            KvType k = KvType.parse(kv);
            b.kvType(k, k);
        }
        HardwareQuery hw = HardwareQuery.of(ctx, rigs);
        MachineResolver.Resolved machine = hw.given() ? ranks.machine(hw) : null;
        EstimateRequest template = b.build();
        RunPlan plan = ranks.planner().plan(m, machine == null ? null : machine.machine(),
                new PlanRequest(template, template.ctx(), null, null, null, null, null));
        EstimateView v = PlanViews.estimate(plan, machine == null ? null : machine.description());
        if (machine == null || machine.warnings().isEmpty()) {
            return v;
        }
        return v.withWarnings(machine.warnings());
    }
}
