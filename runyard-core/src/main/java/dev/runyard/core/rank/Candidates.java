package dev.runyard.core.rank;

import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.GpuVendor;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.plan.Artifact;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.quant.Quant;
import java.util.ArrayList;
import java.util.List;

/** Which engines and quantizations the ranker asks the planner about for a model on a machine. */
public final class Candidates {
    static final List<String> GGUF_QUANTS = List.of("BF16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "IQ4_XS", "Q3_K_M",
            "IQ3_XXS", "Q2_K");
    /** Contexts tried, longest first. */
    public static final List<Long> CONTEXTS = List.of(131072L, 65536L, 32768L, 16384L, 8192L, 4096L);

    private static final java.util.Map<String, Quant> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private Candidates() {
    }

    /**
     * Without an engine asked for: on data-centre NVIDIA GPUs the serving engine a team would run (vLLM), with
     * llama.cpp only for a model neither can serve there ({@link #fallback}); llama.cpp elsewhere, plus MLX on Apple
     * silicon.
     */
    static List<Engine> engines(Machine machine, Engine asked) {
        List<Engine> out = new ArrayList<>();
        if (asked != null) {
            out.add(asked);
            return out;
        }
        if (datacenter(machine)) {
            out.add(Engine.VLLM); // SGLang plans the same bytes; --engine sglang prints its commands
            return out;
        }
        out.add(Engine.LLAMA_CPP);
        if (machine.unifiedMemory() && machine.hasGpu()) {
            out.add(Engine.MLX);
        }
        return out;
    }

    /** The engine to try when none of {@link #engines} gives a model a plan (data-centre GPUs: llama.cpp), or null. */
    static Engine fallback(Machine machine, Engine asked) {
        return asked == null && datacenter(machine) ? Engine.LLAMA_CPP : null;
    }

    /** Identical NVIDIA GPUs of 40 GiB or more: where vLLM is the usual choice. */
    static boolean datacenter(Machine m) {
        return m.hasGpu() && m.identicalGpus() && !m.unifiedMemory()
                && m.gpus().get(0).accelerator().vendor() == GpuVendor.NVIDIA
                && m.gpus().get(0).memoryBytes() >= (40L << 30);
    }

    /**
     * Quantizations to try for an engine, best quality first, only those whose weights exist: a registry file of
     * that quant (GGUF), a repository of those bits (MLX, AWQ …) or the publisher's own checkpoint. A quant nobody
     * published is not a candidate: the plan could not be run as printed.
     */
    public static List<Quant> quants(CatalogModel m, Engine engine, Machine machine) {
        // A function of the model, the engine and (for serving engines) whether the GPU has FP8: asked for by every
        // ranking, so kept per catalog entry (identity: entries are immutable and live as long as their catalog).
        Accelerator acc = machine.hasGpu() ? machine.gpus().get(0).accelerator() : null;
        boolean fp8 = acc != null && acc.fp8();
        QuantsKey key = new QuantsKey(m, engine, fp8);
        List<Quant> hit = QUANTS.get(key);
        if (hit == null) {
            hit = List.copyOf(quantsUncached(m, engine, machine));
            if (QUANTS.size() > 50_000) {
                QUANTS.clear();
            }
            QUANTS.put(key, hit);
        }
        return hit;
    }

    private record QuantsKey(CatalogModel model, Engine engine, boolean fp8) {
        @Override
        public boolean equals(Object o) {
            return o instanceof QuantsKey k && k.model == model && k.engine == engine && k.fp8 == fp8;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(model) * 31 + engine.hashCode()) * 2 + (fp8 ? 1 : 0);
        }
    }

    private static final java.util.Map<QuantsKey, List<Quant>> QUANTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Quant> quantsUncached(CatalogModel m, Engine engine, Machine machine) {
        ModelArchitecture arch = m.arch();
        List<String> names;
        if (engine.usesGguf()) {
            names = arch.checkpointQuant().equals("mxfp4") ? List.of("MXFP4_MOE") : ggufNames(m);
        } else if (engine == Engine.MLX) {
            names = List.of("mlx-8bit", "mlx-6bit", "mlx-4bit");
        } else {
            names = servingQuants(arch, machine.hasGpu() ? machine.gpus().get(0).accelerator() : null);
        }
        List<Quant> out = new ArrayList<>();
        for (String n : names) {
            Quant q = PARSED.computeIfAbsent(n, Quant::parse);
            if (Artifact.resolve(m, q, engine).known()) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * The usual ladder plus any other quantization a listed repository holds (Q4_K_S, Q5_K_S, IQ2_M, Unsloth's
     * UD-Q4_K_XL with its size …), by bits per weight, highest first. Names no rule can size are left to the model
     * page.
     */
    static List<String> ggufNames(CatalogModel m) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(GGUF_QUANTS);
        for (ArtifactRepo a : m.artifacts()) {
            for (ArtifactFile f : a.isGguf() && a.listed() ? a.files() : List.<ArtifactFile>of()) {
                String u = f.quant().toUpperCase(java.util.Locale.ROOT);
                if (!names.contains(u) && parses(u)) {
                    names.add(u);
                }
            }
        }
        List<String> out = new ArrayList<>(names);
        out.sort(java.util.Comparator.comparingDouble((String n) -> -bits(PARSED.computeIfAbsent(n, Quant::parse))));
        return out;
    }

    private static boolean parses(String name) {
        try {
            Quant q = PARSED.computeIfAbsent(name, Quant::parse);
            return q instanceof Quant.Gguf;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The checkpoint formats vLLM/SGLang can serve a model in on an accelerator, best quality first: the publisher's
     * native format (mxfp4, fp8) when it has one, else bf16, fp8 where the GPU has FP8, and awq.
     */
    public static List<String> servingQuants(ModelArchitecture arch, Accelerator acc) {
        String cq = arch.checkpointQuant();
        if (cq.startsWith("mxfp4")) {
            return List.of("mxfp4");
        }
        if (cq.startsWith("fp8")) {
            return List.of("fp8", "awq");
        }
        return acc != null && acc.fp8() ? List.of("bf16", "fp8", "awq") : List.of("bf16", "awq");
    }

    /** Weight bits of a quant, for the quick "cannot possibly fit" check before planning. */
    static double bits(Quant q) {
        return q instanceof Quant.Gpu g ? g.bitsPerWeight()
                : ((Quant.Gguf) q).fileType().base().bitsPerWeight();
    }

    /**
     * A decode rate no plan of this quant can beat on the machine, for pruning only: the fewest bytes a token could
     * read (active parameters without the embedding, at 0.75 × the quant's lowest bits per weight) at the best
     * efficiency any backend reaches (80% of GPU bandwidth, every GPU together; 45% of RAM bandwidth for what cannot
     * fit in GPU memory), plus the smallest per-layer cost (10 µs; a CPU-only machine's own); on a CPU-only machine no
     * faster than its cores multiply. Every term of {@code SpeedModel} is at least as slow; {@code DecodeCeilingTest} holds it.
     */
    static double decodeCeiling(ModelArchitecture arch, Quant q, Machine machine) {
        double params = dev.runyard.core.speed.SpeedModel.activeParams(arch);
        double active = params * bits(q) / 8 * 0.75;
        double gpuBw = 0;
        for (Machine.Gpu g : machine.gpus()) {
            gpuBw += g.accelerator().bandwidthGbs() * 1e9 * 0.80;
        }
        double ramBw = Math.max(machine.ramBandwidthGbs(), 1e-3) * 1e9 * 0.45;
        double inRam = Math.max(0, active - machine.usableGpuBytesTotal());
        double t = (gpuBw > 0 ? (active - inRam) / gpuBw : 0) + inRam / ramBw;
        if (!machine.hasGpu() && machine.host().prefillGflops() > 0) {
            t = Math.max(t, 2 * params / (machine.host().prefillGflops() * 1e9
                    * dev.runyard.core.speed.SpeedModel.CPU_DECODE_SHARE));
        }
        // A machine without GPUs decodes every plan on its CPU, which pays the host's per-layer time.
        t += arch.layerCount() * (machine.hasGpu() ? 10 : dev.runyard.core.speed.SpeedModel.hostLayerMicros()) * 1e-6;
        return 1 / t;
    }
}
