package dev.runyard.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.api.EstimateView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.bundled.BundledCatalog;
import dev.runyard.app.catalog.HubFound;
import dev.runyard.app.catalog.ModelLookup;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.GgufWeights;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.format.gguf.GgufConfig;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.hardware.Backend;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.PlanRequest;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.quant.GgufFileType;
import dev.runyard.core.quant.Quant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runyard estimate}: memory for one model, quantization, context and engine, with its breakdown. */
@Command(name = "estimate", description = "Estimate the memory a model needs: weights, KV cache, compute and overhead.",
        sortOptions = false)
public final class EstimateCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--config", paramLabel = "FILE", description = "A Hugging Face config.json.")
        Path config;

        @Option(names = "--model", paramLabel = "HF_ID", description = "A catalog model, e.g. Qwen/Qwen3-8B.")
        String model;

        @Option(names = "--gguf", paramLabel = "FILE",
                description = "A GGUF file (first shard of a split set): exact tensor bytes, architecture from metadata.")
        Path gguf;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--quant", paramLabel = "Q",
            description = "Q4_K_M, Q8_0, IQ4_XS, MXFP4_MOE, BF16, F16, fp8, awq, gptq, nf4, mxfp4, nvfp4, exl2:4.5, mlx-4bit …")
    String quant;

    @Option(names = "--ctx", paramLabel = "N", description = "Context length in tokens (default: ${DEFAULT-VALUE}).",
            defaultValue = "4096")
    long ctx;

    @Option(names = "--engine", paramLabel = "E", defaultValue = "llama.cpp",
            description = "llama.cpp, ollama, vllm, sglang or mlx (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--kv-type", paramLabel = "T", description = "KV cache type for K and V: f16, q8_0, q4_0, fp8 …")
    String kvType;

    @Option(names = "--kv-type-k", paramLabel = "T", description = "K cache type.")
    String kvTypeK;

    @Option(names = "--kv-type-v", paramLabel = "T", description = "V cache type.")
    String kvTypeV;

    @Option(names = "--ubatch", paramLabel = "N", defaultValue = "512", description = "llama.cpp physical batch (-ub).")
    int ubatch;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "2048", description = "llama.cpp logical batch (-b).")
    int batch;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Parallel sequences / requests.")
    int parallel;

    @Option(names = "--flash-attn", paramLabel = "on|off|auto", defaultValue = "auto", description = "Flash attention.")
    String flashAttn;

    @Option(names = "--swa-full", description = "llama.cpp --swa-full: sliding-window layers keep the full context.")
    boolean swaFull;

    @Mixin
    HardwareOptions hardware;

    @Option(names = "--backend", paramLabel = "B",
            description = "cuda, metal, vulkan, rocm, sycl, cpu (default: the machine's; cuda for requirements).")
    String backend;

    @Option(names = "--gpu-memory-gib", paramLabel = "G", description = "Memory of one GPU in GiB (overrides --gpu's).")
    Double gpuMemoryGib;

    @Option(names = "--tp", paramLabel = "N", description = "Tensor parallel size (vLLM/SGLang).")
    Integer tp;

    @Option(names = "--pp", paramLabel = "N", defaultValue = "1", description = "Pipeline parallel size.")
    int pp;

    @Option(names = "--gpu-memory-utilization", paramLabel = "U", defaultValue = "0.9",
            description = "vLLM's gpu_memory_utilization / SGLang's mem_fraction_static.")
    double gpuMemoryUtilization;

    @Option(names = "--max-model-len", paramLabel = "N", description = "vLLM max_model_len (default: --ctx).")
    Long maxModelLen;

    @Option(names = "--max-num-batched-tokens", paramLabel = "N", description = "vLLM scheduler token budget.")
    Long maxNumBatchedTokens;

    @Option(names = "--draft", paramLabel = "HF_ID|FILE",
            description = "A draft model for speculative decoding: a catalog id or a config.json path.")
    String draft;

    @Option(names = "--draft-quant", paramLabel = "Q", description = "The draft's quantization (default: --quant).")
    String draftQuant;

    @Option(names = "--mtp", description = "Load the checkpoint's MTP/NextN blocks (vLLM/SGLang MTP speculation).")
    boolean mtp;

    @Option(names = "--as-llama-bench", description = "Print the predicted pp512 and tg128 as llama-bench's table rows "
            + "(needs a machine: this one, or --gpu).")
    boolean asLlamaBench;

    @Option(names = "--mmproj", description = "Load the vision/audio projector (llama.cpp --mmproj; other engines do).")
    boolean mmproj;

    @Mixin
    LlamaCppFlags llamaCpp;

    @Mixin
    CommonOptions common;

    @Mixin
    HubUrlOption hub;

    @Mixin
    DbOption db;

    @Spec
    CommandSpec spec;

    /** Warnings from reading the inputs, shown with the estimate's own. */
    private final List<String> warnings = new ArrayList<>();

    @Override
    public Integer call() {
        checkOptions();
        GgufHeader header = source.gguf == null ? null : readGguf(source.gguf);
        // A repo id the catalog does not have is read from the Hub (config.json) and planned the same way; a repo of
        // GGUF files only is read by the header of --quant's file and planned like a local --gguf file.
        HubFound found = source.model != null && header == null && BundledCatalog.find(source.model).isEmpty()
                ? ModelLookup.find(source.model, dev.runyard.app.catalog.CatalogChoice.models(db.spec()),
                        hub.lookup(db.spec()).withGgufQuant(quant)) : null;
        CatalogModel remote = found == null ? null : found.model();
        if (found != null && found.gguf() != null) {
            header = found.gguf().header();
            if (quant == null && found.gguf().quants().size() > 1) {
                warnings.add(found.gguf().repo() + " holds " + String.join(", ", found.gguf().quants()) + "; planned "
                        + found.gguf().quant() + " (" + found.gguf().path() + "); choose with --quant");
            }
        }
        ModelArchitecture arch = remote != null ? remote.arch()
                : ArchitectureReader.read(header != null ? GgufConfig.toConfig(header) : loadConfig());
        WeightsEstimate exact = header == null ? null : GgufWeights.of(header, arch.layerCount());
        if (quant == null) {
            if (header == null) {
                throw RunyardException.badInput("--quant is required", "e.g. --quant Q4_K_M (or fp8, awq, bf16)");
            }
            quant = header.fileType().map(GgufFileType::displayName).orElse("F16");
        }
        CatalogModel model = subject(arch, remote);
        MachineResolver.Resolved machine = machine();
        EstimateRequest template = request();
        PlanRequest req = new PlanRequest(template, template.ctx(), backend == null ? null : backend(backend), exact,
                source.gguf == null ? null : source.gguf.toString(), draft(), llamaCppOptions(template));
        RunPlan plan = new Planner().plan(model, machine == null ? null : machine.machine(), req);
        List<String> extra = new ArrayList<>(warnings);
        if (machine != null) {
            extra.addAll(machine.warnings());
        }
        EstimateView view = PlanViews.estimate(plan, machine == null ? null : machine.description()).withWarnings(extra);
        if (asLlamaBench) {
            if (plan.speed() == null) {
                throw RunyardException.badInput("--as-llama-bench needs a machine to time", "add --gpu, or leave the"
                        + " hardware options out to use this machine");
            }
            String be = plan.placement().devices().stream().anyMatch(d -> d.name().startsWith("GPU"))
                    ? machine.machine().backend().key().toUpperCase(java.util.Locale.ROOT) : "CPU";
            int ngl = plan.placement().gpuLayers() > arch.layerCount() ? 99 : plan.placement().gpuLayers();
            spec.commandLine().getOut().print(LlamaBenchRow.of(view, be, ngl));
        } else if (common.json()) {
            spec.commandLine().getOut().println(Json.write(view));
        } else {
            spec.commandLine().getOut().print(EstimateText.of(view));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The machine asked about: --gpu (or --gpu none) and --ram name one; --gpus, --backend or --gpu-memory-gib
     * alone ask for requirements on that many GPUs (null); nothing at all means the machine Runyard runs on.
     */
    private MachineResolver.Resolved machine() {
        if (!hardware.given() && (hardware.gpus != null || backend != null || gpuMemoryGib != null)) {
            return null;
        }
        MachineResolver.Resolved r = hardware.resolve();
        if (gpuMemoryGib == null) {
            return r;
        }
        Machine m = r.machine();
        long bytes = (long) (gpuMemoryGib * (1L << 30));
        List<Machine.Gpu> list = m.gpus().stream().map(g -> new Machine.Gpu(g.accelerator(), bytes)).toList();
        return new MachineResolver.Resolved(new Machine(list, m.ramBytes(), m.unifiedMemory(),
                m.gpuWorkingSetFraction(), Machine.defaultMargin(bytes), m.backend()), r.description()
                + ", " + gpuMemoryGib + " GiB each", r.warnings());
    }

    private CatalogModel subject(ModelArchitecture arch, CatalogModel remote) {
        if (remote != null) {
            return remote;
        }
        if (source.model != null) {
            CatalogModel m = dev.runyard.app.catalog.CatalogChoice.models(db.spec()).stream()
                    .filter(c -> c.id().equalsIgnoreCase(source.model.trim())).findFirst().orElse(null);
            if (m != null && m.arch() != null) {
                return m;
            }
            return CatalogModel.local(source.model, arch);
        }
        Path p = source.gguf != null ? source.gguf : source.config;
        return CatalogModel.local(p.getFileName().toString(), arch);
    }

    /** llama.cpp's placement flags, which only llama.cpp and Ollama (llama.cpp inside) follow. */
    private dev.runyard.core.plan.LlamaCppOptions llamaCppOptions(EstimateRequest template) {
        var o = llamaCpp.toOptions();
        if (o != null && template.engine() != dev.runyard.core.estimate.Engine.LLAMA_CPP) {
            throw RunyardException.badInput("llama.cpp placement flags do not apply to " + template.engine(),
                    "drop them, or use --engine llama.cpp");
        }
        return o;
    }

    private PlanRequest.Draft draft() {
        if (draft == null) {
            return null;
        }
        HfConfig dc = java.nio.file.Files.exists(Path.of(draft)) ? HfConfig.read(Path.of(draft))
                : HfConfig.of(BundledCatalog.require(draft).config(), draft);
        return new PlanRequest.Draft(draft, ArchitectureReader.read(dc), draftQuant == null ? null : Quant.parse(draftQuant));
    }

    static GgufHeader readGguf(Path path) {
        if (!java.nio.file.Files.exists(path)) {
            throw RunyardException.notFound("GGUF file not found: " + path, "check the path given to --gguf");
        }
        return GgufSplit.isShard(path) ? GgufSplit.read(path) : GgufReader.read(path);
    }

    private HfConfig loadConfig() {
        if (source.config != null) {
            return HfConfig.read(source.config);
        }
        dev.runyard.app.entry.CatalogEntry entry = BundledCatalog.require(source.model);
        JsonNode config = entry.config();
        if (!entry.hasConfig()) {
            throw RunyardException.badInput("the catalog has no config for " + source.model,
                    "pass --config with the model's config.json");
        }
        return HfConfig.of(config, source.model);
    }

    /** Values the request builder would read as "not given" (0) or cannot check itself. */
    private void checkOptions() {
        if (tp != null && (tp < 1 || tp > 1024)) {
            throw RunyardException.badInput("--tp must be 1 to 1024, got " + tp, "e.g. --tp 2");
        }
        if (maxModelLen != null && (maxModelLen < 1 || maxModelLen > EstimateRequest.MAX_CTX)) {
            throw RunyardException.badInput("--max-model-len must be 1 to " + EstimateRequest.MAX_CTX + ", got "
                    + maxModelLen, "e.g. --max-model-len 32768");
        }
        if (maxNumBatchedTokens != null && (maxNumBatchedTokens < 1 || maxNumBatchedTokens > EstimateRequest.MAX_CTX)) {
            throw RunyardException.badInput("--max-num-batched-tokens must be 1 to " + EstimateRequest.MAX_CTX
                    + ", got " + maxNumBatchedTokens, "e.g. --max-num-batched-tokens 8192");
        }
        if (draft != null && draft.isBlank()) {
            throw RunyardException.badInput("--draft needs a catalog id or a config.json path", "e.g. --draft Qwen/Qwen3-0.6B");
        }
    }

    EstimateRequest request() {
        EstimateRequest.Builder b = EstimateRequest.builder(Quant.parse(quant))
                .ctx(ctx).engine(Engine.parse(engine)).ubatch(ubatch).batch(batch).parallel(parallel)
                .flashAttn(flash(flashAttn)).swaFull(swaFull).backend(backend == null ? Backend.CUDA : backend(backend))
                .gpus(hardware.gpus != null ? hardware.gpus : tp != null ? tp * pp : 1).pp(pp)
                .gpuMemoryUtilization(gpuMemoryUtilization);
        KvType k = KvType.parse(kvTypeK != null ? kvTypeK : kvType != null ? kvType : "f16");
        KvType v = KvType.parse(kvTypeV != null ? kvTypeV : kvType != null ? kvType : "f16");
        b.kvType(k, v);
        if (tp != null) {
            b.tp(tp);
        }
        if (maxModelLen != null) {
            b.maxModelLen(maxModelLen);
        }
        if (maxNumBatchedTokens != null) {
            b.maxNumBatchedTokens(maxNumBatchedTokens);
        }
        b.mtp(mtp);
        if (mmproj) {
            b.vision(true);
        }
        if (gpuMemoryGib != null) {
            if (!(gpuMemoryGib > 0 && gpuMemoryGib <= 65536)) {
                throw RunyardException.badInput("--gpu-memory-gib must be between 0 and 65536, got " + gpuMemoryGib,
                        "e.g. --gpu-memory-gib 24");
            }
            b.gpuMemoryBytes((long) (gpuMemoryGib * (1L << 30)));

        }
        return b.build();
    }

    static Boolean flash(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1" -> Boolean.TRUE;
            case "off", "false", "0" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw RunyardException.badInput("--flash-attn must be on, off or auto, got \"" + s + "\"",
                    "e.g. --flash-attn on");
        };
    }

    static Backend backend(String s) {
        return Backend.parse(s).orElseThrow(() -> RunyardException.badInput("unknown backend \"" + s + "\"",
                "valid: cuda, metal, vulkan, rocm, sycl, cpu"));
    }
}
