package dev.runyard.app.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The VRAM calculator of {@code calc}, {@code /api/v1/models/{id}/calc} and the model page: one llama.cpp plan per
 * GGUF quantization (rows) and context (4K, 8K, 32K, 128K and the model's maximum), each cell the plan's own total
 * and fit on the machine, and per row the longest context whose plan fits on the GPUs and with offload.
 * {@code ctx}, {@code fits} and {@code max_context} repeat {@code context}, {@code fit} and
 * {@code max_context_full_gpu} for the API contract of earlier releases.
 */
public final class CalcTable {
    static final List<String> QUANTS = List.of("Q2_K", "Q3_K_M", "IQ4_XS", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "BF16");
    static final List<Long> CONTEXTS = List.of(4096L, 8192L, 32768L, 131072L);

    private CalcTable() {
    }

    /** One cell: the plan's total and its parts (overhead = compute buffers + runtime); fit null without hardware. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Cell(long context, long totalBytes, long weightsBytes, long kvCacheBytes, long overheadBytes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String fit) {
        @JsonProperty("ctx")
        public long ctx() {
            return context;
        }

        /** Whether the plan fits the GPUs entirely; null without hardware. */
        @JsonProperty("fits")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public Boolean fits() {
            return fit == null ? null : fit.equals(FitLevel.FULL_GPU.key());
        }
    }

    /** One quantization's row. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Row(String quant, double bitsPerWeight, long weightsBytes, List<Cell> cells,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Long maxContextFullGpu,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Long maxContextWithOffload) {
        @JsonProperty("max_context")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public Long maxContext() {
            return maxContextFullGpu;
        }
    }

    /** The table; {@code capacityBytes} and {@code machine} null without hardware. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Table(String model, String engine, String machine, Long capacityBytes, List<Long> contexts,
                       List<Row> rows, List<String> warnings) {
    }

    public static List<Long> contexts(CatalogModel m) {
        long max = Planner.maxContext(m);
        TreeSet<Long> s = new TreeSet<>();
        for (long c : CONTEXTS) {
            if (c <= max) {
                s.add(c);
            }
        }
        s.add(max);
        return List.copyOf(s);
    }

    static List<String> quants(CatalogModel m) {
        if (m.arch().checkpointQuant().equals("mxfp4")) {
            List<String> q = new ArrayList<>(List.of("MXFP4_MOE"));
            q.addAll(QUANTS);
            return q;
        }
        return QUANTS;
    }

    /** @param machine null for sizes only (one CUDA GPU's requirements) */
    public static Table build(Planner planner, CatalogModel m, Machine machine, String description,
                              List<String> warnings) {
        List<Long> ctxs = contexts(m);
        List<Row> rows = new ArrayList<>();
        for (String qn : quants(m)) {
            rows.add(row(planner, m, machine, qn, ctxs, true));
        }
        return new Table(m.id(), Engine.LLAMA_CPP.key(), description, capacity(machine), ctxs, rows, List.copyOf(warnings));
    }

    /**
     * Memory at every power-of-two context from 1K up to the model's longest (and that longest), per quant: the
     * web's memory-against-context chart. No longest-fit search, so it stays cheap.
     */
    public static Table curve(Planner planner, CatalogModel m, Machine machine, String description) {
        long max = Planner.maxContext(m);
        TreeSet<Long> s = new TreeSet<>();
        for (long c = 1024; c <= max; c *= 2) {
            s.add(c);
        }
        s.add(Math.max(1024, max));
        List<Long> ctxs = List.copyOf(s);
        List<Row> rows = new ArrayList<>();
        for (String qn : quants(m)) {
            rows.add(row(planner, m, machine, qn, ctxs, false));
        }
        return new Table(m.id(), Engine.LLAMA_CPP.key(), description, capacity(machine), ctxs, rows, List.of());
    }

    private static Long capacity(Machine machine) {
        return machine == null ? null : machine.hasGpu() ? machine.usableGpuBytesTotal() : machine.usableRamBytes();
    }

    /** One quant's llama.cpp plan at each context; with {@code longest}, the longest contexts that fit as well. */
    private static Row row(Planner planner, CatalogModel m, Machine machine, String qn, List<Long> ctxs, boolean longest) {
        Quant q = Quant.parse(qn);
        List<Cell> cells = new ArrayList<>();
        RunPlan any = null;
        for (long c : ctxs) {
            RunPlan p = planner.plan(m, machine, PlanRequest.of(Engine.LLAMA_CPP, q, c));
            any = p;
            var e = p.memory();
            cells.add(new Cell(c, p.placement().totalBytes(), e.weightsBytes(), e.kvCacheBytes(),
                    e.computeBytes() + e.overheadBytes(), p.fit() == null ? null : p.fit().key()));
        }
        PlanRequest base = PlanRequest.of(Engine.LLAMA_CPP, q, 4096);
        Long full = !longest || machine == null ? null : planner.longestContext(m, machine, base, FitLevel.FULL_GPU);
        Long offload = !longest || machine == null ? null : planner.longestContext(m, machine, base, FitLevel.CPU_ONLY);
        double bpw = Math.round(any.memory().bitsPerWeight() * 1000) / 1000.0;
        return new Row(qn, bpw, weights(any), cells, full, offload);
    }

    /** Memory a llama.cpp run needs on one GPU at a quant and context (the calculator's requirements cell). */
    public static long requirementBytes(Planner planner, CatalogModel m, String quant, long ctx) {
        return planner.plan(m, null, PlanRequest.of(Engine.LLAMA_CPP, Quant.parse(quant), ctx)).placement().totalBytes();
    }

    /** The GGUF file's bytes (the "weights" part, before any per-device copy). */
    private static long weights(RunPlan p) {
        return p.memory().breakdown().stream().filter(x -> x.name().equals("weights")).mapToLong(x -> x.bytes())
                .findFirst().orElse(p.memory().weightsBytes());
    }
}
