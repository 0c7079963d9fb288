package dev.runyard.core.plan;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.LlamaCppEstimator;
import dev.runyard.core.estimate.LlamaCppSizing;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one function from (model, machine, engine, quant, context, options) to a {@link RunPlan}. Every surface asks
 * it; the ranker scores the plans it returns; the solvers search over it. Weight estimates are cached per model and
 * quant (a pure function of both), so one Planner per process serves many questions quickly.
 */
public final class Planner {
    private final Map<Object, WeightsEstimate> weights = new ConcurrentHashMap<>();

    /** A model's GGUF weights at a quant (keys of records, not concatenated strings: every priced plan asks). */
    private record GgufKey(String model, String quant, boolean imatrix) {
    }

    /** The request's imatrix choice, else the one usual for the quant (what the published files use). */
    private static GgufKey ggufKey(CatalogModel m, Quant.Gguf g, EstimateRequest er) {
        return new GgufKey(m.id(), g.name(), er.imatrix() != null ? er.imatrix() : WeightsEstimator.usualImatrix(g));
    }

    /** The same weights spread over a registry file's byte count. */
    private record RegistryKey(GgufKey weights, long bytes, boolean exact, String repo) {
    }

    /**
     * @param machine null to size requirements only: layers split evenly over the template's GPU count, no fit and
     *                no speed
     */
    public RunPlan plan(CatalogModel m, Machine machine, PlanRequest req) {
        return plan(m, machine, req, true);
    }

    /**
     * The plan a ranking scores: the same request, artifact, placement, fit, device bytes and start-of-context speed
     * as {@link #plan} (the same code computes them), without what no score reads and only a shown plan needs: the
     * command, the memory breakdown's parts, the speed at full context, serving rates and warnings. Its
     * {@code command} is null, so it cannot pass for an answer ({@code RankedResult} refuses it); the ranker plans
     * the variants it shows in full.
     */
    public RunPlan price(CatalogModel m, Machine machine, PlanRequest req) {
        return plan(m, machine, req, false);
    }

    private RunPlan plan(CatalogModel m, Machine machine, PlanRequest req, boolean full) {
        ModelArchitecture arch = requireArch(m);
        if (req.context() <= 0) {
            long ctx = longestContext(m, machine, req, FitLevel.FULL_GPU);
            if (ctx == 0) {
                ctx = longestContext(m, machine, req, FitLevel.CPU_ONLY);
            }
            req = req.withContext(ctx > 0 ? ctx : Math.min(4096, maxContext(m)));
        }
        EstimateRequest er = request(req, machine);
        Artifact artifact = req.localFile() != null ? Artifact.localFile(req.localFile())
                : Artifact.resolve(m, er.quant(), er.engine());
        WeightsEstimate exact = req.exactWeights() != null ? req.exactWeights() : registryWeights(m, arch, er, artifact);
        if (exact == null) {
            exact = checkpointWeights(m, arch, er, artifact);
        }
        WeightsEstimate w = weights(m, arch, er, exact);
        LlamaCppPlacement.Placed placed;
        if (er.engine().usesGguf()) {
            LlamaCppSizing s = LlamaCppEstimator.size(arch, er, w);
            LlamaCppOptions o = req.llamaCpp();
            if (o != null && o.any()) {
                int gpus = er.backend() == dev.runyard.core.hardware.Backend.CPU ? 0 : er.gpus();
                placed = LlamaCppPlacement.asGiven(arch, s, machine, gpus, o);
            } else {
                placed = machine == null ? requirements(MemoryEstimator.estimate(arch, er, w))
                        : LlamaCppPlacement.plan(arch, s, machine, full);
            }
        } else if (er.engine() == Engine.MLX) {
            placed = machine == null ? requirements(MemoryEstimator.estimate(arch, er, exact))
                    : ServingPlacement.mlx(arch, er, machine, exact);
        } else {
            placed = machine == null ? requirements(MemoryEstimator.estimate(arch, er, exact))
                    : ServingPlacement.vllm(arch, er, machine, exact);
        }
        if (req.draft() != null) {
            placed = DraftPlacement.add(placed, req.draft(), er, machine);
        }
        PlacementPlan p = placed.placement();
        if (!er.engine().usesGguf() && er.engine() != Engine.MLX) {
            er = er.toBuilder().tp(p.tensorParallel()).gpus(p.tensorParallel() * er.pp()).build();
        }
        boolean kvInRam = req.llamaCpp() != null && req.llamaCpp().noKvOffload() && er.engine().usesGguf();
        PlanSpeed speed = machine == null ? null : PlanSpeeds.of(arch, er, machine, p, w, placed.memory(), kvInRam, full);
        if (!full) {
            return new RunPlan(m.id(), artifact, er.engine(), er.quant(), er.ctx(), machine == null ? null : p.fit(), p,
                    placed.memory(), speed, null, List.of());
        }
        Integer threads = machine != null && machine.host().threadsGiven() ? machine.host().threads() : null;
        LaunchCommand command = CommandBuilder.build(m, artifact, er, p, arch.layerCount(), req.llamaCpp(), threads);
        List<String> warnings = new ArrayList<>(placed.memory().warnings());
        if (!artifact.known()) {
            warnings.add("no " + artifact.format() + " artifact known: " + artifact.source());
        }
        String sizeNote = RegistrySizes.note(artifact, w, exact != null && req.exactWeights() == null);
        if (sizeNote != null) {
            warnings.add(sizeNote);
        }
        String checkpointNote = req.exactWeights() == null ? CheckpointSizes.note(m, er, artifact) : null;
        if (checkpointNote != null) {
            warnings.add(checkpointNote);
        }
        return new RunPlan(m.id(), artifact, er.engine(), er.quant(), er.ctx(), machine == null ? null : p.fit(), p,
                placed.memory(), speed, command, warnings);
    }

    /**
     * The longest context (a multiple of 256 tokens, at most the model's maximum) whose plan fits at or better than
     * {@code atLeast}; 0 when not even 256 tokens do. Memory never shrinks with context, so a binary search finds it.
     */
    public long longestContext(CatalogModel m, Machine machine, PlanRequest req, FitLevel atLeast) {
        long max = maxContext(m);
        if (machine == null) {
            return max;
        }
        if (fitsAt(m, machine, req, max, atLeast)) {
            return max;
        }
        long lo = 0;
        long hi = max / 256;
        while (lo < hi) {
            long mid = (lo + hi + 1) / 2;
            if (fitsAt(m, machine, req, mid * 256, atLeast)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo * 256;
    }

    private boolean fitsAt(CatalogModel m, Machine machine, PlanRequest req, long ctx, FitLevel atLeast) {
        FitLevel f = price(m, machine, req.withContext(ctx)).fit(); // the fit is the full plan's
        return f != FitLevel.DOES_NOT_FIT && f.ordinal() <= atLeast.ordinal();
    }

    /** The model's own maximum context (catalog, else config, else 32K), within the estimator's range. */
    public static long maxContext(CatalogModel m) {
        long c = m.contextLength() > 0 ? m.contextLength()
                : m.arch() != null && m.arch().maxContext() > 0 ? m.arch().maxContext() : 32768;
        return Math.min(c, EstimateRequest.MAX_CTX);
    }

    /** The template with the machine's GPU count, memory and backend. */
    static EstimateRequest request(PlanRequest req, Machine machine) {
        EstimateRequest.Builder b = req.template().toBuilder();
        if (machine != null) {
            b.backend(req.backend() != null ? req.backend() : machine.backend())
                    .gpus(Math.max(1, machine.gpus().size()));
            if (machine.hasGpu()) {
                long least = Long.MAX_VALUE; // a loop: every priced plan asks
                for (Machine.Gpu gpu : machine.gpus()) {
                    least = Math.min(least, gpu.memoryBytes());
                }
                b.gpuMemoryBytes(least);
            }
            if (!req.engine().usesGguf()) {
                b.gpus(Math.max(1, machine.gpus().size()));
            }
        } else if (req.backend() != null) {
            b.backend(req.backend());
        }
        return b.build();
    }

    private WeightsEstimate weights(CatalogModel m, ModelArchitecture arch, EstimateRequest er, WeightsEstimate exact) {
        if (exact != null || !(er.quant() instanceof Quant.Gguf g) || !er.engine().usesGguf()) {
            return exact != null ? exact : gpuWeights(m, arch, er);
        }
        GgufKey key = ggufKey(m, g, er);
        return weights.computeIfAbsent(key, k -> WeightsEstimator.gguf(arch, g, key.imatrix()));
    }

    /**
     * The weights sized from the registry's byte count of the GGUF file the plan loads, spread over the tensors in
     * the estimate's proportions: an exact count (a sync read it from the Hub) always; a page's rounded size only for a
     * publisher's own mix (UD-…), which no stock rule sizes. Null otherwise.
     */
    private WeightsEstimate registryWeights(CatalogModel m, ModelArchitecture arch, EstimateRequest er, Artifact a) {
        boolean mix = er.quant() instanceof Quant.Gguf g && g.isPublisherMix();
        if (!er.engine().usesGguf() || a.registryFile() == null || a.registryFile().bytes() == null
                || !(a.registryFile().exact() || mix)) {
            return null;
        }
        WeightsEstimate base = weights(m, arch, er, null);
        long bytes = a.registryFile().bytes();
        boolean exact = a.registryFile().exact();
        if (!(er.quant() instanceof Quant.Gguf g)) {
            return RegistrySizes.scaled(base, bytes, exact, a.repo());
        }
        // Scaling formats a method line per estimate: kept like the estimate it scales (outside the mapping
        // function, which must not touch the map it fills).
        return weights.computeIfAbsent(new RegistryKey(ggufKey(m, g, er), bytes, exact, a.repo()),
                k -> RegistrySizes.scaled(base, bytes, exact, a.repo()));
    }

    /** The repo's own checkpoint, sized from its safetensors headers, when the plan loads it as stored; else null. */
    private WeightsEstimate checkpointWeights(CatalogModel m, ModelArchitecture arch, EstimateRequest er, Artifact a) {
        if (!(m.checkpoint() instanceof dev.runyard.core.catalog.Checkpoint.Read r)
                || !CheckpointSizes.loadsAsStored(r, er, a)) {
            return null;
        }
        // Keyed by where the headers came from too: a refreshed read of the same repo is another checkpoint.
        return weights.computeIfAbsent(m.id() + "|checkpoint|" + r.source() + "|" + r.header().tensors().size() + "|"
                + er.mtp(), k -> CheckpointSizes.weights(m, arch, er, a));
    }

    private WeightsEstimate gpuWeights(CatalogModel m, ModelArchitecture arch, EstimateRequest er) {
        Quant.Gpu q = er.quant() instanceof Quant.Gpu g ? g
                : new Quant.Gpu("bf16", dev.runyard.core.quant.GpuFormat.BF16, 16);
        return weights.computeIfAbsent(m.id() + "|gpu|" + q.name() + "|"
                + er.mtp(), k -> WeightsEstimator.gpu(arch, q.format(), q.bitsPerWeight(), er.mtp()));
    }

    private static LlamaCppPlacement.Placed requirements(MemoryEstimate e) {
        int tp = e.devices().stream().filter(d -> d.name().startsWith("GPU")).count() > 1
                && e.kvBytesPerToken() != null ? (int) e.devices().size() : 1;
        PlacementPlan p = new PlacementPlan(null, 0, 0, List.of(), tp, e.devices(), 0,
                List.of("no machine given: memory the run needs, split evenly over the GPUs asked for"));
        return new LlamaCppPlacement.Placed(p, e);
    }

    /** Why a machine cannot host an engine at all (MLX off Apple silicon, vLLM on mixed GPUs …), or null. */
    public static String unsuitable(Engine engine, Machine machine) {
        return engine.usesGguf() ? null : ServingPlacement.unsuitable(engine, machine);
    }

    static ModelArchitecture requireArch(CatalogModel m) {
        if (m.arch() == null) {
            throw RunyardException.badInput(m.id() + " has no public config the estimator can read",
                    "its figures are the published totals; see ./runyard estimate --help");
        }
        return m.arch();
    }
}
