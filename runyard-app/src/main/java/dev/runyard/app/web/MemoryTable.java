package dev.runyard.app.web;

import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.rank.CatalogModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The VRAM calculator: llama.cpp memory for each GGUF quantization (rows) at 4K, 8K, 32K, 128K and the model's own
 * maximum context (columns), and, against a machine's usable memory (GPU memory after the safety margin, or RAM
 * without a GPU), whether each cell fits and the longest context that fits per quantization.
 */
final class MemoryTable {
    static final List<String> QUANTS = List.of("Q2_K", "Q3_K_M", "IQ4_XS", "Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0", "BF16");
    static final List<Long> CONTEXTS = List.of(4096L, 8192L, 32768L, 131072L);

    /** One cell: total and its parts (overhead = compute buffers + runtime). */
    record Cell(long ctx, long totalBytes, long weightsBytes, long kvCacheBytes, long overheadBytes, Boolean fits) {
    }

    /** One quantization's row. */
    record Row(String quant, double bitsPerWeight, List<Cell> cells, Long maxContext) {
    }

    /** The table; {@code capacityBytes} null without hardware. */
    record Table(String model, List<Long> contexts, Long capacityBytes, List<Row> rows) {
    }

    private final Map<String, WeightsEstimate> weights = new ConcurrentHashMap<>();

    static long maxContext(CatalogModel m) {
        long c = m.contextLength() > 0 ? m.contextLength() : m.arch().maxContext() > 0 ? m.arch().maxContext() : 32768;
        return Math.min(c, EstimateRequest.MAX_CTX);
    }

    static List<Long> contexts(CatalogModel m) {
        long max = maxContext(m);
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

    /** @param machine null for sizes only */
    Table table(CatalogModel m, Machine machine) {
        Long capacity = machine == null ? null : capacity(machine);
        List<Long> ctxs = contexts(m);
        List<Row> rows = new ArrayList<>();
        for (String qn : quants(m)) {
            List<Cell> cells = new ArrayList<>();
            double bpw = 0;
            for (long c : ctxs) {
                MemoryEstimate e = estimate(m, qn, c, machine);
                bpw = e.bitsPerWeight();
                cells.add(new Cell(c, e.totalBytes(), e.weightsBytes(), e.kvCacheBytes(),
                        e.computeBytes() + e.overheadBytes(), capacity == null ? null : e.totalBytes() <= capacity));
            }
            Long maxCtx = capacity == null ? null : maxContextThatFits(m, qn, machine, capacity);
            rows.add(new Row(qn, Math.round(bpw * 1000) / 1000.0, cells, maxCtx));
        }
        return new Table(m.id(), ctxs, capacity, rows);
    }

    /** Memory of one quant at one context on the machine (or one CUDA GPU without one). */
    MemoryEstimate estimate(CatalogModel m, String quant, long ctx, Machine machine) {
        Quant.Gguf q = (Quant.Gguf) Quant.parse(quant);
        WeightsEstimate w = weights.computeIfAbsent(m.id() + "|" + quant,
                k -> WeightsEstimator.gguf(m.arch(), q, WeightsEstimator.usualImatrix(q)));
        EstimateRequest.Builder b = EstimateRequest.builder(q).ctx(ctx).engine(Engine.LLAMA_CPP);
        if (machine != null) {
            b.backend(machine.backend()).gpus(Math.max(1, machine.gpus().size()));
        }
        return MemoryEstimator.estimate(m.arch(), b.build(), w);
    }

    /** Usable memory: GPU memory after the margin, or RAM without a GPU. */
    static long capacity(Machine machine) {
        return machine.hasGpu() ? machine.usableGpuBytesTotal() : machine.usableRamBytes();
    }

    /** The longest context (a multiple of 256 tokens) whose total fits; 0 when not even 256 tokens fit. */
    long maxContextThatFits(CatalogModel m, String quant, Machine machine, long capacity) {
        long hi = maxContext(m);
        if (estimate(m, quant, hi, machine).totalBytes() <= capacity) {
            return hi;
        }
        long lo = 0;
        long step = 256;
        long a = 1;
        long b = hi / step;
        while (a <= b) {
            long mid = (a + b) >>> 1;
            if (estimate(m, quant, mid * step, machine).totalBytes() <= capacity) {
                lo = mid * step;
                a = mid + 1;
            } else {
                b = mid - 1;
            }
        }
        return lo;
    }
}
