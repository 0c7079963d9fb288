package dev.runyard.core.rank;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.FitLevel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlacementPlan;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.quant.QuantQuality;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks catalog models for a machine. For every model it tries each engine's quantizations at each context, places
 * each variant (GPU, offload, RAM), estimates its speed, and keeps the best-scoring one that fits:
 * {@code score = 0.7·quality·(1 − quant loss) + 0.15·speed + 0.1·context + 0.05·headroom}, each on 0–100
 * (quality: {@link QualityModel}; speed: decode tok/s / 40, capped; context: log2(ctx/2048)/4, capped at 32K;
 * headroom: free share of usable memory / 0.25, capped). Only the chat-capable kinds (chat, reasoning, coder, vision)
 * are ranked unless a kind is asked for: guard, reward, embedding and base checkpoints are not chat models.
 * Variants slower than 5 tok/s have their score scaled by tok/s ÷ 5. Results are sorted by score, then the newer
 * release, then id; the order is deterministic. Every variant is a {@link RunPlan} from the {@link Planner}: the ranker sizes nothing itself.
 * Variants are scored from priced plans ({@link Planner#price}: the same placement, fit and speed without command or
 * breakdown), and those it returns are planned in full from the same request.
 * A quant whose rough size (params × bits) cannot fit the machine is not planned at all.
 */
public final class Ranker {
    private final Planner planner;
    private final boolean parallel;

    public Ranker() {
        this(new Planner());
    }

    /** A ranker over a shared planner (its weight cache serves every question of the process). */
    public Ranker(Planner planner) {
        this(planner, true);
    }

    /**
     * @param parallel plan a batch of models on every core (one question at a time: the CLI); a server answering
     *                 many questions at once passes false, since its requests already use the cores and fork-join
     *                 tasks from many requests contend for the same pool
     */
    public Ranker(Planner planner, boolean parallel) {
        this.planner = planner;
        this.parallel = parallel;
    }

    public Planner planner() {
        return planner;
    }

    public List<RankedResult> rank(List<CatalogModel> models, Machine machine, RankOptions o) {
        return rank(models, machine, o, true);
    }

    /** @param prune false plans every model and quant (the reference the pruned ranking must equal) */
    List<RankedResult> rank(List<CatalogModel> models, Machine machine, RankOptions o, boolean prune) {
        QualityModel qm = QualityModel.over(models);
        java.util.Map<String, String> released = new java.util.HashMap<>();
        models.forEach(m -> released.put(m.id(), m.releaseDate() == null ? "" : m.releaseDate()));
        // At equal score the newer model first (newer beats older at equal evidence), then by id: deterministic.
        Comparator<PricedPlan> order = Comparator.comparingDouble(PricedPlan::score).reversed()
                .thenComparing((PricedPlan r) -> released.getOrDefault(r.model().id(), ""), Comparator.reverseOrder())
                .thenComparing(r -> r.model().id());
        // Branch and bound: models in order of the best score they could possibly reach; once the limit is full, a
        // model (or a quant) whose bound is below the last kept score cannot enter the list and is never planned.
        List<Bounded> queue = models.stream()
                .filter(m -> m.arch() != null && m.openWeights() && o.admits(m))
                .map(m -> Bounded.of(m, machine, o, qm))
                .sorted(Comparator.comparingDouble(Bounded::bound).reversed().thenComparing(b -> b.model().id()))
                .toList();
        List<PricedPlan> kept = new ArrayList<>();
        double floor = Double.NEGATIVE_INFINITY;
        // Sequential rankings raise the cut after every model; parallel ones after a batch that keeps both cores busy.
        int step = parallel ? PRUNE_BATCH : 1;
        for (int i = 0; i < queue.size(); i += step) {
            double cut = prune ? floor : Double.NEGATIVE_INFINITY;
            List<Bounded> batch = queue.subList(i, Math.min(queue.size(), i + step)).stream()
                    .filter(b -> b.bound() >= cut).toList();
            if (batch.isEmpty()) {
                break; // bounds are sorted: no later model can reach the list either
            }
            // Models are independent: plan a batch in parallel, then sort, so the order stays deterministic.
            (parallel ? batch.parallelStream() : batch.stream()).map(b -> bestPriced(b.model(), machine, o, qm, cut))
                    .filter(java.util.Objects::nonNull).forEachOrdered(kept::add);
            kept.sort(order);
            if (kept.size() >= o.limit()) {
                kept = new ArrayList<>(kept.subList(0, o.limit()));
                floor = kept.get(kept.size() - 1).score();
            }
        }
        // Only the variants shown are planned in full (command, breakdown, speed at full context).
        return (parallel ? kept.parallelStream() : kept.stream()).map(p -> complete(p, machine, o, qm)).toList();
    }

    /** The full plan of a priced variant, from the same request: what every surface shows. */
    private RankedResult complete(PricedPlan p, Machine machine, RankOptions o, QualityModel qm) {
        RunPlan plan = planner.plan(p.model(), machine, p.request());
        return result(p.model(), plan, machine, qm.of(p.model(), o.useCase()));
    }

    /** Models planned together before the cut-off score is raised: enough to keep both cores of a small box busy. */
    static final int PRUNE_BATCH = 12;

    /** A model with the highest score any of its plans could reach. */
    record Bounded(CatalogModel model, double bound) {
        static Bounded of(CatalogModel m, Machine machine, RankOptions o, QualityModel qm) {
            QualityModel.Quality quality = qm.of(m, o.useCase());
            long maxCtx = Planner.maxContext(m);
            List<Engine> engines = new ArrayList<>(Candidates.engines(machine, o.engine()));
            Engine fallback = Candidates.fallback(machine, o.engine());
            if (fallback != null) {
                engines.add(fallback);
            }
            double bound = Double.NEGATIVE_INFINITY;
            for (Engine e : engines) {
                for (Quant q : Candidates.quants(m, e, machine)) {
                    bound = Math.max(bound, upperBound(quality, m, q, maxCtx, machine));
                }
            }
            return new Bounded(m, bound);
        }
    }

    /** The score no plan at this loss, decode ceiling and context can beat (rounding allowed for). */
    static double bound(QualityModel.Quality quality, double loss, double ceiling, long ctx) {
        double s = W_QUALITY * quality.score() * (1 - loss) + W_SPEED * speedScore(ceiling)
                + W_CONTEXT * contextScore(ctx) + W_HEADROOM * 100;
        return (ceiling < USABLE_TPS ? s * ceiling / USABLE_TPS : s) + 0.01;
    }

    /**
     * The score no plan of this quant can beat: quality after the quant's loss, the speed of
     * {@link Candidates#decodeCeiling}, the longest context and full headroom; rounding allowed for.
     */
    static double upperBound(QualityModel.Quality quality, CatalogModel m, Quant q, long maxContext, Machine machine) {
        return bound(quality, QuantQuality.loss(q, m.paramsTotal()), Candidates.decodeCeiling(m.arch(), q, machine),
                Math.min(maxContext, 131072));
    }

    /**
     * Computes what ranking needs on every machine alike (each model's weights at each published GGUF quant and its
     * serving checkpoints), so later rankings only place and time plans. A server calls it once at start.
     */
    public void warm(List<CatalogModel> models) {
        Machine any = Machine.cpuOnly(1L << 40);
        for (CatalogModel m : models) {
            if (m.arch() == null || !m.openWeights()) {
                continue;
            }
            for (Engine e : List.of(Engine.LLAMA_CPP, Engine.VLLM)) {
                for (Quant q : Candidates.quants(m, e, any)) {
                    try {
                        planner.plan(m, null, PlanRequest.of(e, q, 4096));
                    } catch (RuntimeException ex) {
                        // a plan that cannot be sized is skipped here exactly as the ranking will skip it
                    }
                }
            }
        }
    }

    /** Pretrained-only checkpoints (-pt, -Base, "(base)" in the name) are not chat models: not ranked by default. */
    static boolean isBase(CatalogModel m) {
        return m.kind() == dev.runyard.core.catalog.ModelKind.BASE;
    }

    /** The best variant of one model on the machine, or null when nothing fits the constraints. */
    public RankedResult best(CatalogModel m, Machine machine, RankOptions o, QualityModel qm) {
        return best(m, machine, o, qm, Double.NEGATIVE_INFINITY);
    }

    /** As {@link #best(CatalogModel, Machine, RankOptions, QualityModel)}, not planning quants that cannot reach {@code cut}. */
    RankedResult best(CatalogModel m, Machine machine, RankOptions o, QualityModel qm, double cut) {
        PricedPlan p = bestPriced(m, machine, o, qm, cut);
        return p == null ? null : complete(p, machine, o, qm);
    }

    private PricedPlan bestPriced(CatalogModel m, Machine machine, RankOptions o, QualityModel qm, double cut) {
        List<PricedPlan> all = priced(m, machine, o, qm, null, 0, cut);
        Engine fallback = Candidates.fallback(machine, o.engine());
        if (all.isEmpty() && fallback != null) {
            if (cut > Double.NEGATIVE_INFINITY && !priced(m, machine, o, qm, null, 0, Double.NEGATIVE_INFINITY).isEmpty()) {
                return null; // the serving engine has plans, all below the list: no fallback, as without pruning
            }
            // A data-centre node serves with vLLM/SGLang; a model neither can serve there still gets llama.cpp's plan.
            all = priced(m, machine, new RankOptions(o.useCase(), o.minCtx(), o.minTps(), fallback, o.license(),
                    o.limit(), o.kind()), qm, null, 0, cut);
        }
        return all.isEmpty() ? null : all.get(0);
    }

    /** A decode speed everyone reads comfortably: a better quant that keeps at least this is worth its bytes. */
    static final double COMFORTABLE_TPS = 20;

    /**
     * The variant to show for a model: the best-scoring one, unless the memory holds a better quant of it on the same
     * engine and fit level, at a context no shorter (up to 32K) and a comfortable speed (at least 20 tok/s, or
     * half of the best one's). An expert spends spare memory on quality before speed past reading pace: on 2× RTX 3090
     * a 32B model runs Q6_K, not IQ4_XS with 25 GB left unused.
     */
    static PricedPlan useTheMemory(List<PricedPlan> variants) {
        PricedPlan top = variants.get(0);
        PricedPlan pick = top;
        double floor = Math.min(COMFORTABLE_TPS, top.decodeTokensPerS() * 0.5);
        long ctx = Math.min(top.context(), 32768);
        for (PricedPlan v : variants) {
            if (v.engine().equals(top.engine()) && v.fit() == top.fit() && v.context() >= ctx
                    && v.decodeTokensPerS() >= floor
                    && QuantQuality.loss(v.plan().quant()) < QuantQuality.loss(pick.plan().quant())) {
                pick = v;
            }
        }
        return pick;
    }

    /**
     * Every fitting variant of one model, best first: for each engine ({@link Candidates#engines}) and quant, the
     * best-scoring context among {@link Candidates#CONTEXTS}. {@code onlyQuant} and {@code onlyContext} (0 = any)
     * pin the question, as {@code run --quant/--ctx} does.
     */
    public List<RankedResult> variants(CatalogModel m, Machine machine, RankOptions o, QualityModel qm, Quant onlyQuant,
                                       long onlyContext) {
        return priced(m, machine, o, qm, onlyQuant, onlyContext, Double.NEGATIVE_INFINITY).stream()
                .map(p -> complete(p, machine, o, qm)).toList();
    }

    /**
     * As above, leaving out quants whose best possible score is below {@code cut}. Safe for the variant shown: the
     * pick of {@link #useTheMemory} has a lower loss than the top variant, so a higher bound, and is never cut while
     * the model can still make the list.
     */
    List<PricedPlan> priced(CatalogModel m, Machine machine, RankOptions o, QualityModel qm, Quant onlyQuant,
                            long onlyContext, double cut) {
        QualityModel.Quality quality = qm.of(m, o.useCase());
        List<PricedPlan> out = new ArrayList<>();
        long capacity = machine.usableGpuBytesTotal() + machine.usableRamBytes();
        long maxCtx = Planner.maxContext(m);
        for (Engine e : Candidates.engines(machine, o.engine())) {
            if (Boolean.FALSE.equals(m.engines().get(e.key()))) {
                continue; // the catalog says this engine cannot run the model: no variant to rank
            }
            List<Quant> quants = onlyQuant != null ? List.of(onlyQuant) : Candidates.quants(m, e, machine);
            for (Quant q : quants) {
                if (onlyQuant != null && !dev.runyard.core.plan.Artifact.resolve(m, q, e).known()) {
                    continue; // no published weights at this quant: nothing a user could run
                }
                if (onlyQuant == null && m.paramsTotal() * Candidates.bits(q) / 8 * 0.9 > capacity) {
                    continue; // cannot fit even before the cache: do not plan it
                }
                if (cut > Double.NEGATIVE_INFINITY && upperBound(quality, m, q, maxCtx, machine) < cut) {
                    continue; // cannot reach the list whatever its speed: do not price it
                }
                PricedPlan best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                double ceiling = Candidates.decodeCeiling(m.arch(), q, machine);
                double lossQ = QuantQuality.loss(q, m.paramsTotal());
                for (long ctx : onlyContext > 0 ? List.of(onlyContext) : Candidates.CONTEXTS) {
                    if (best != null && bound(quality, lossQ, ceiling, ctx) < bestScore) {
                        break; // shorter contexts score less still: none can beat this quant's best
                    }
                    // Serving engines stop at 32K by default: the context score is full there, and a shorter
                    // max-model-len leaves the KV pool to concurrent requests.
                    if (onlyContext == 0 && (ctx > maxCtx || ctx < o.minCtx() || !e.usesGguf() && ctx > 32768
                            && o.minCtx() <= 32768)) {
                        continue;
                    }
                    PlanRequest request = PlanRequest.of(e, q, ctx);
                    RunPlan plan = planner.price(m, machine, request);
                    if (!plan.fits() || plan.decodeTokensPerS() < o.minTps()) {
                        continue;
                    }
                    double score = Math.round(score(quality, QuantQuality.loss(plan.quant(), m.paramsTotal()),
                            plan.decodeTokensPerS(), plan.context(), plan.placement(), machine) * 100) / 100.0;
                    if (best == null || score > bestScore) {
                        // a shorter context may score higher when the longer one needs offloading
                        best = new PricedPlan(m, request, plan, score);
                        bestScore = score;
                    }
                    if (!e.usesGguf() || plan.fit() == FitLevel.FULL_GPU && ctx <= 32768) {
                        break; // each halving below 32K costs 2.5 points of context score, more than it can win back
                    }
                    if (plan.fit() == FitLevel.FULL_GPU && headroomScore(plan.placement(), machine) >= 100) {
                        // A shorter context is all on the GPUs too, at the same start-of-context speed, with the
                        // headroom already full and no more context score: it cannot score higher, so is not priced.
                        break;
                    }
                }
                if (best != null) {
                    out.add(best);
                }
            }
        }
        out.sort(Comparator.comparingDouble(PricedPlan::score).reversed().thenComparing(PricedPlan::engine)
                .thenComparing(PricedPlan::quant));
        if (out.size() > 1 && onlyQuant == null) {
            // The variant fit shows (and run prints) first: spare memory spent on a better quant.
            PricedPlan pick = useTheMemory(out);
            out.remove(pick);
            out.add(0, pick);
        }
        return out;
    }

    static RankedResult result(CatalogModel m, RunPlan plan, Machine machine, QualityModel.Quality quality) {
        double decode = plan.decodeTokensPerS();
        double loss = QuantQuality.loss(plan.quant(), m.paramsTotal());
        Map<String, Object> c = new LinkedHashMap<>(quality.asMap());
        c.put("quant_loss", Math.round(loss * 10000) / 10000.0);
        c.put("quant_loss_basis", QuantQuality.basis(plan.quant()));
        c.put("speed", QualityModel.round(speedScore(decode)));
        c.put("context", QualityModel.round(contextScore(plan.context())));
        c.put("headroom", QualityModel.round(headroomScore(plan.placement(), machine)));
        c.put("usable_speed_factor", decode < USABLE_TPS ? QualityModel.round(decode / USABLE_TPS) : 1.0);
        c.put("formula", FORMULA);
        double score = score(quality, loss, decode, plan.context(), plan.placement(), machine);
        return new RankedResult(m.id(), m.name(), plan, Math.round(score * 100) / 100.0, c);
    }

    static double score(QualityModel.Quality quality, double quantLoss, double decode, long ctx, PlacementPlan plan,
                        Machine machine) {
        double qScore = quality.score() * (1 - quantLoss);
        double s = W_QUALITY * qScore + W_SPEED * speedScore(decode) + W_CONTEXT * contextScore(ctx)
                + W_HEADROOM * headroomScore(plan, machine);
        // Slower than reading speed (5 tok/s) is barely usable, however good the model: scale the score down.
        return decode < USABLE_TPS ? s * decode / USABLE_TPS : s;
    }

    /** The score's weights (each component is 0–100), and the formula as every surface prints it. */
    public static final double W_QUALITY = 0.7;
    public static final double W_SPEED = 0.15;
    public static final double W_CONTEXT = 0.1;
    public static final double W_HEADROOM = 0.05;
    public static final String FORMULA = "0.7 x quality x (1 - quant_loss) + 0.15 x speed + 0.1 x context + 0.05 x headroom";

    /** Below this decode speed a chat is slower than reading; the score is scaled by tok/s ÷ 5. */
    static final double USABLE_TPS = 5.0;

    static double speedScore(double decode) {
        return 100 * Math.min(1, decode / 40.0);
    }

    static double contextScore(long ctx) {
        return 100 * Math.min(1, Math.max(0, Math.log((double) ctx / 2048) / Math.log(2) / 4));
    }

    static double headroomScore(PlacementPlan plan, Machine machine) {
        long usable = machine.hasGpu() ? machine.usableGpuBytesTotal() : machine.usableRamBytes();
        long used = 0;
        boolean gpus = machine.hasGpu();
        for (dev.runyard.core.estimate.DeviceUsage d : plan.devices()) { // a loop: scored for every priced plan
            used += !gpus || d.name().startsWith("GPU") ? d.totalBytes() : 0;
        }
        return usable <= 0 ? 0 : 100 * Math.min(1, Math.max(0, (double) (usable - used) / usable / 0.25));
    }
}
