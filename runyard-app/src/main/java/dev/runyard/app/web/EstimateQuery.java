package dev.runyard.app.web;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.CatalogModel;
import dev.runyard.core.speed.RequestSpeed;
import io.javalin.http.Context;

/** {@code GET /api/v1/estimate}: the CLI's {@code estimate --model} with the same parameters, as query parameters. */
final class EstimateQuery {
    /** The estimate and, with a GPU, its speed. */
    record Result(MemoryEstimate estimate, RequestSpeed.Result speed) {
    }

    private EstimateQuery() {
    }

    static Result run(Context ctx, CatalogSource catalog) {
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
        String gpu = Params.str(ctx, "gpu");
        Accelerator acc = null;
        HardwareSpec hw = null;
        if (gpu != null) {
            hw = HardwareSpec.parse(gpu, AcceleratorDatabase.bundled());
            if (gpus != null && hw.deviceCount() > 1 && gpus != hw.deviceCount()) {
                throw RunyardException.badInput("gpus=" + gpus + " contradicts gpu \"" + gpu + "\"", "give the count once");
            }
            b.gpus(gpus != null ? gpus : hw.deviceCount());
            b.gpuMemoryBytes(hw.parts().stream().mapToLong(HardwareSpec.Part::memoryBytes).min().orElse(0));
            acc = hw.parts().get(0).accelerator();
            if (acc.vendor().equalsIgnoreCase("apple")) {
                b.backend("metal");
            }
        }
        EstimateRequest req = b.build();
        MemoryEstimate est = MemoryEstimator.estimate(m.arch(), req);
        if (hw != null && !hw.warnings().isEmpty()) {
            est = est.withWarnings(hw.warnings());
        }
        RequestSpeed.Result speed = acc == null ? null : RequestSpeed.estimate(m.arch(), req, acc);
        return new Result(est, speed);
    }
}
