package dev.runyard.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.catalog.BundledCatalog;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.KvType;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.hardware.Accelerator;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.runyard.core.model.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.estimate.GgufWeights;
import dev.runyard.core.estimate.SpeculativeDecoding;
import dev.runyard.core.estimate.WeightsEstimate;
import dev.runyard.core.format.gguf.GgufConfig;
import dev.runyard.core.format.gguf.GgufHeader;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.quant.GgufFileType;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.speed.RequestSpeed;
import java.nio.file.Path;
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

    @Option(names = "--gpu", paramLabel = "NAME", description = "GPU model, e.g. \"RTX 4090\", H100.")
    String gpu;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs (default: the count in --gpu, else 1).")
    Integer gpus;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "cuda", description = "cuda, metal, vulkan, rocm, sycl, cpu.")
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

    @Option(names = "--mmproj", description = "Load the vision/audio projector (llama.cpp --mmproj; other engines do).")
    boolean mmproj;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** The GPU named by --gpu, for the speed estimate; null without one. */
    private Accelerator accelerator;

    /** Warnings from reading the inputs, shown with the estimate's own. */
    private final List<String> warnings = new ArrayList<>();

    @Override
    public Integer call() {
        GgufHeader header = source.gguf == null ? null : readGguf(source.gguf);
        ModelArchitecture arch = ArchitectureReader.read(header != null ? GgufConfig.toConfig(header) : loadConfig());
        WeightsEstimate exact = header == null ? null : GgufWeights.of(header, arch.layerCount());
        if (quant == null) {
            if (header == null) {
                throw RunyardException.badInput("--quant is required", "e.g. --quant Q4_K_M (or fp8, awq, bf16)");
            }
            quant = header.fileType().map(GgufFileType::displayName).orElse("F16");
        }
        EstimateRequest req = request();
        MemoryEstimate est = MemoryEstimator.estimate(arch, req, exact);
        if (draft != null) {
            HfConfig dc = java.nio.file.Files.exists(Path.of(draft)) ? HfConfig.read(Path.of(draft))
                    : HfConfig.of(BundledCatalog.require(draft).get("config"), draft);
            EstimateRequest dreq = req.toBuilder().build();
            if (draftQuant != null) {
                dreq = EstimateRequest.builder(Quant.parse(draftQuant)).ctx(req.ctx()).engine(req.engine())
                        .kvType(req.kvTypeK(), req.kvTypeV()).ubatch(req.ubatch()).batch(req.batch())
                        .parallel(req.parallel()).flashAttn(req.flashAttn()).backend(req.backend()).gpus(req.gpus())
                        .gpuMemoryBytes(req.gpuMemoryBytes()).tp(req.tp()).pp(req.pp())
                        .gpuMemoryUtilization(req.gpuMemoryUtilization()).build();
            }
            est = SpeculativeDecoding.withDraft(est, MemoryEstimator.estimate(ArchitectureReader.read(dc), dreq), draft);
        }
        if (!warnings.isEmpty()) {
            est = est.withWarnings(warnings);
        }
        RequestSpeed.Result speed = accelerator == null ? null : RequestSpeed.estimate(arch, req, accelerator, exact);
        if (common.json()) {
            Map<String, Object> json = EstimateView.toMap(est, speed);
            if (gpu != null) {
                json.putAll(placement(arch, req, est, exact));
            }
            spec.commandLine().getOut().println(Json.write(json));
        } else {
            spec.commandLine().getOut().print(EstimateView.toText(est, speed));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * Where the run goes on the --gpu machine: the fit level and, for llama.cpp/Ollama, the layers on the GPUs,
     * experts in RAM and bytes per device (system RAM assumed as MachineResolver states when not given).
     */
    private Map<String, Object> placement(ModelArchitecture arch, EstimateRequest req, MemoryEstimate est,
                                          WeightsEstimate exact) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (!req.engine().usesGguf()) {
            boolean fits = est.kvCapacityTokens() != null && est.maxConcurrency() != null && est.maxConcurrency() >= 1;
            out.put("fit", fits ? "full_gpu" : "does_not_fit");
            return out;
        }
        var machine = dev.runyard.app.rank.MachineResolver.resolve(gpu, gpus, null).machine();
        Quant.Gguf g = (Quant.Gguf) req.quant();
        WeightsEstimate w = exact != null ? exact : dev.runyard.core.estimate.WeightsEstimator.gguf(arch, g,
                req.imatrix() != null ? req.imatrix() : dev.runyard.core.estimate.WeightsEstimator.usualImatrix(g));
        var plan = dev.runyard.core.plan.LlamaCppPlacement.plan(arch, req, machine, w);
        out.put("fit", plan.fit().key());
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("gpu_layers", plan.gpuLayers());
        p.put("cpu_moe_layers", plan.cpuMoeLayers());
        p.put("tensor_split", plan.tensorSplit());
        p.put("device_bytes", plan.deviceBytes());
        p.put("host_bytes", plan.hostBytes());
        p.put("notes", plan.notes());
        out.put("placement", p);
        return out;
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
        JsonNode entry = BundledCatalog.require(source.model);
        JsonNode config = entry.get("config");
        if (config == null || !config.isObject() || config.isEmpty()) {
            throw RunyardException.badInput("the catalog has no config for " + source.model,
                    "pass --config with the model's config.json");
        }
        return HfConfig.of(config, source.model);
    }

    EstimateRequest request() {
        EstimateRequest.Builder b = EstimateRequest.builder(Quant.parse(quant))
                .ctx(ctx).engine(Engine.parse(engine)).ubatch(ubatch).batch(batch).parallel(parallel)
                .flashAttn(flash(flashAttn)).swaFull(swaFull).backend(backend(backend)).gpus(gpus == null ? 1 : gpus).pp(pp)
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
        if (gpu != null) {
            HardwareSpec hw = HardwareSpec.parse(gpu, AcceleratorDatabase.bundled());
            if (gpus != null && hw.deviceCount() > 1 && gpus != hw.deviceCount()) {
                throw RunyardException.badInput("--gpus " + gpus + " contradicts --gpu \"" + gpu + "\" ("
                        + hw.deviceCount() + " GPUs)", "give the count once");
            }
            int count = gpus != null ? gpus : hw.deviceCount();
            b.gpus(count);
            // Mixed cards: plan with the smallest, which is what limits an even split.
            b.gpuMemoryBytes(hw.parts().stream().mapToLong(HardwareSpec.Part::memoryBytes).min().orElse(0));
            Accelerator a = hw.parts().get(0).accelerator();
            accelerator = a;
            if (a.vendor().equalsIgnoreCase("apple") && backend.equals("cuda")) {
                b.backend("metal");
            }
            warnings.addAll(hw.warnings());
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

    static String backend(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        return switch (l) {
            case "cuda", "metal", "vulkan", "rocm", "sycl", "cpu" -> l;
            case "hip" -> "rocm";
            default -> throw RunyardException.badInput("unknown backend \"" + s + "\"",
                    "valid: cuda, metal, vulkan, rocm, sycl, cpu");
        };
    }
}
