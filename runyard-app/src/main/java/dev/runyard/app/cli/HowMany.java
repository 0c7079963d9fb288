package dev.runyard.app.cli;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.app.api.HowManyView;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.Solvers;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code calc MODEL --how-many GPU}: the fewest GPUs that serve the model with one engine and quant, or
 * why there is no such number. Every row gets an answer, so the table is always printed, whatever the model.
 *
 * @param gpus null when there is no count; {@code note} then says why ("more than 1024", "not applicable: …")
 */
record HowMany(String engine, String quant, long context, Integer gpus, String note) {
    static final String TOO_MANY = "more than 1024";
    static final String NOT_APPLICABLE = "not applicable: ";

    /** The rows for {@code m} on GPUs like {@code acc} with {@code memoryBytes} each, at {@code ctx} tokens. */
    static List<HowMany> rows(Planner planner, CatalogModel m, Accelerator acc, long memoryBytes, long ctx) {
        long want = Math.min(ctx, m.contextLength() > 0 ? m.contextLength() : ctx);
        String native8 = m.arch() != null && m.arch().checkpointQuant().startsWith("mxfp4") ? "mxfp4" : "fp8";
        String[][] plans = {{"vllm", "bf16"}, {"vllm", native8}, {"vllm", "awq"}, {"llama.cpp", "Q8_0"},
            {"llama.cpp", "Q4_K_M"}};
        boolean apple = acc.unifiedMemory() || acc.vendor() == GpuVendor.APPLE;
        List<HowMany> rows = new ArrayList<>();
        for (String[] p : plans) {
            String why = m.arch() == null ? "the catalog has no config.json to size " + m.id() + " from"
                    : apple && p[0].equals("vllm") ? "vLLM does not run on Apple silicon" : null;
            rows.add(why != null ? new HowMany(p[0], p[1], want, null, NOT_APPLICABLE + why)
                    : solve(planner, m, p[0], p[1], acc, memoryBytes, want));
        }
        return rows;
    }

    private static HowMany solve(Planner planner, CatalogModel m, String engine, String quant, Accelerator acc, long memoryBytes,
                                 long ctx) {
        try {
            var least = Solvers.leastGpus(planner, m, Quant.parse(quant), Engine.parse(engine), acc, memoryBytes, ctx);
            return new HowMany(engine, quant, ctx, least == null ? null : least.gpus(), least == null ? TOO_MANY : null);
        } catch (RunyardException e) {
            // The estimator refuses what the engine refuses (heads that do not split, a format it cannot load).
            return new HowMany(engine, quant, ctx, null, NOT_APPLICABLE + e.getMessage());
        } catch (RuntimeException e) {
            // An odd config must cost one row, not the table; the catalog test keeps this path unused.
            return new HowMany(engine, quant, ctx, null, NOT_APPLICABLE + "cannot estimate ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    HowManyView.Row view() {
        return new HowManyView.Row(engine, quant, context, gpus, note);
    }
}
