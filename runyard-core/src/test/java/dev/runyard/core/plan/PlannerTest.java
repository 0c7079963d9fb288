package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.Part;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.testing.Models;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Planner: one placement behind the memory, the fit, the speed and the command of every plan. */
class PlannerTest {
    static final Planner PLANNER = new Planner();
    static final CatalogModel LLAMA_8B = Models.model("Llama-3.1-8B", Map.of("gguf", "bartowski/Llama-3.1-8B-GGUF"));
    static final CatalogModel LLAMA_70B = Models.model("Llama-3.3-70B",
            Map.of("gguf", "bartowski/Llama-3.3-70B-Instruct-GGUF"));
    static final CatalogModel LLAMA_70B_NO_REPOS = Models.model("Llama-3.3-70B");

    static RunPlan plan(CatalogModel m, Machine machine, String engine, String quant, long ctx) {
        return PLANNER.plan(m, machine, PlanRequest.of(Engine.parse(engine), Quant.parse(quant), ctx));
    }

    static long sum(Iterable<DeviceUsage> ds) {
        long t = 0;
        for (DeviceUsage d : ds) {
            t += d.totalBytes();
        }
        return t;
    }

    @Test
    void memoryAndPlacementAreOneSplit() {
        RunPlan p = plan(LLAMA_8B, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 8192);
        assertThat(p.fit()).isEqualTo(FitLevel.FULL_GPU);
        assertThat(p.memory().devices()).isEqualTo(p.placement().devices());
        assertThat(sum(p.placement().devices())).isEqualTo(p.memory().totalBytes()).isEqualTo(p.placement().totalBytes());
        assertThat(p.memory().breakdown().stream().mapToLong(Part::bytes).sum()).isEqualTo(p.memory().totalBytes());
        assertThat(p.placement().devices()).extracting(DeviceUsage::name).containsExactly("GPU0", "host");
        assertThat(p.command().text()).isEqualTo("llama-server -hf bartowski/Llama-3.1-8B-GGUF:Q4_K_M -c 8192 -ngl 999 -fa on");
    }

    @Test
    void everyGpuStaysWithinItsUsableMemory() {
        for (String gpus : new String[] {"RTX 4090", "2x RTX 3090", "RTX 4090 + RTX 3060", "RTX 3060 12GB"}) {
            Machine m = Models.machine(gpus, 128);
            RunPlan p = plan(LLAMA_70B, m, "llama.cpp", "Q4_K_M", 16384);
            assertThat(p.fits()).as(gpus).isTrue();
            for (int i = 0; i < m.gpus().size(); i++) {
                assertThat(p.placement().devices().get(i).totalBytes()).as(gpus + " GPU" + i)
                        .isLessThanOrEqualTo(m.usableGpuBytes(i));
            }
        }
    }

    @Test
    void denseModelTooBigForTheGpuKeepsItsFirstLayersInRam() {
        Machine m = Models.machine("RTX 4090", 128);
        RunPlan p = plan(LLAMA_70B, m, "llama.cpp", "Q4_K_M", 8192);
        assertThat(p.fit()).isEqualTo(FitLevel.PARTIAL_OFFLOAD);
        int layers = LLAMA_70B.arch().layerCount();
        assertThat(p.placement().gpuLayers()).isBetween(1, layers - 1);
        assertThat(p.command().text()).contains("-ngl " + p.placement().gpuLayers() + " ");
        assertThat(p.placement().offloadedBytes()).isPositive();
        assertThat(p.placement().hostBytes()).isGreaterThan(p.placement().offloadedBytes());
        // speed reads the offloaded layers at RAM speed: slower than the same bytes on the GPU would allow
        RunPlan onBigGpu = plan(LLAMA_70B, Models.machine("H100", 128), "llama.cpp", "Q4_K_M", 8192);
        assertThat(onBigGpu.fit()).isEqualTo(FitLevel.FULL_GPU);
        assertThat(p.decodeTokensPerS()).isLessThan(onBigGpu.decodeTokensPerS() / 3);
    }

    @Test
    void moeExpertsGoToRamBeforeWholeLayers() {
        CatalogModel moe = Models.model("Qwen3-30B-A3B", Map.of("gguf", "Qwen/Qwen3-30B-A3B-GGUF"));
        Machine m = Models.machine("RTX 3060 12GB", 64);
        RunPlan p = plan(moe, m, "llama.cpp", "Q4_K_M", 32768);
        assertThat(p.fit()).isEqualTo(FitLevel.PARTIAL_OFFLOAD);
        assertThat(p.placement().cpuMoeLayers()).isPositive();
        assertThat(p.placement().gpuLayers()).isEqualTo(moe.arch().layerCount() + 1);
        assertThat(p.command().text()).contains("--n-cpu-moe " + p.placement().cpuMoeLayers(), "-ngl 999");
        assertThat(p.placement().devices().get(0).totalBytes()).isLessThanOrEqualTo(m.usableGpuBytes(0));
        assertThat(p.memory().breakdown()).extracting(Part::name).contains("compute_buffer.op_offload_copy");
    }

    @Test
    void cpuOnlyMachinePutsEverythingInRamAndDecodesAtRamSpeed() {
        CatalogModel tied = Models.model("Qwen3-4B", Map.of("gguf", "Qwen/Qwen3-4B-GGUF"));
        RunPlan p = plan(tied, Machine.cpuOnly(32L << 30), "llama.cpp", "Q4_K_M", 4096);
        assertThat(p.fit()).isEqualTo(FitLevel.CPU_ONLY);
        assertThat(p.placement().devices()).extracting(DeviceUsage::name).containsExactly("CPU");
        // no GPU: llama.cpp makes no copy of the tied embedding for an output layer on a GPU
        assertThat(p.memory().breakdown()).extracting(Part::name).doesNotContain("weights.tied_output_copy");
        assertThat(p.speed().atStart().basis().get("accelerator").toString()).startsWith("CPU");
        assertThat(p.speed().prefillTokensPerS()).as("the assumed desktop CPU's rate gives a prefill figure").isPositive();
        assertThat(p.command().text()).contains("-ngl 0");
    }

    @Test
    void ollamaReserveAndVisionProjectorCountInTheFit() {
        CatalogModel gemma = Models.model("gemma-3-27b", Map.of("gguf", "google/gemma-3-27b-it-qat-q4_0-gguf"));
        Machine m = Models.machine("RTX 4090", 64);
        RunPlan llama = plan(gemma, m, "llama.cpp", "Q4_K_M", 8192);
        RunPlan ollama = plan(gemma, m, "ollama", "Q4_K_M", 8192);
        long gpuLlama = llama.placement().deviceBytes().get(0);
        long gpuOllama = ollama.placement().deviceBytes().get(0);
        // Ollama loads the projector and keeps 457 MiB free where llama.cpp keeps 384 MiB for CUDA
        assertThat(gpuOllama - gpuLlama).isEqualTo(gemma.arch().visionParams() * 2 + (457L << 20) - (384L << 20));
        assertThat(ollama.command().text()).startsWith("OLLAMA_CONTEXT_LENGTH=8192 OLLAMA_FLASH_ATTENTION=1 ollama serve");
    }

    @Test
    void mixedGpusSplitLayersInProportion() {
        RunPlan p = plan(LLAMA_8B, Models.machine("RTX 4090 + RTX 3060", 64), "llama.cpp", "Q8_0", 32768);
        assertThat(p.placement().tensorSplit()).hasSize(2);
        assertThat(p.command().text()).contains(" -ts ");
        assertThat(p.placement().deviceBytes().get(0)).isGreaterThan(p.placement().deviceBytes().get(1));
    }

    @Test
    void withoutAMachineThePlanSizesRequirementsOnly() {
        EstimateRequest two = EstimateRequest.builder(Quant.parse("Q4_K_M")).ctx(8192).gpus(2).build();
        RunPlan p = PLANNER.plan(LLAMA_8B, null, new PlanRequest(two, 8192, null, null, null, null, null));
        assertThat(p.fit()).isNull();
        assertThat(p.speed()).isNull();
        assertThat(p.placement().devices()).extracting(DeviceUsage::name).containsExactly("GPU0", "GPU1", "host");
        long a = p.placement().deviceBytes().get(0);
        long b = p.placement().deviceBytes().get(1);
        assertThat((double) Math.abs(a - b) / a).isLessThan(0.2);
    }

    @Test
    void longestContextIsTheBoundaryOfTheFit() {
        Machine m = Models.machine("RTX 3060 12GB", 32);
        PlanRequest q = PlanRequest.of(Engine.LLAMA_CPP, Quant.parse("Q8_0"), 4096);
        long ctx = PLANNER.longestContext(LLAMA_8B, m, q, FitLevel.FULL_GPU);
        assertThat(ctx % 256).isZero();
        assertThat(ctx).isBetween(4096L, 131072L);
        assertThat(PLANNER.plan(LLAMA_8B, m, q.withContext(ctx)).fit()).isEqualTo(FitLevel.FULL_GPU);
        assertThat(PLANNER.plan(LLAMA_8B, m, q.withContext(ctx + 256)).fit()).isNotEqualTo(FitLevel.FULL_GPU);
        // context 0 asks for the longest that fits
        assertThat(PLANNER.plan(LLAMA_8B, m, q.withContext(0)).context()).isEqualTo(ctx);
    }

    @Test
    void vllmPicksTheSmallestTensorParallelGroupThatHoldsTheContext() {
        RunPlan p = plan(LLAMA_70B, Models.machine("4x H100", 512), "vllm", "bf16", 32768);
        assertThat(p.fit()).isEqualTo(FitLevel.FULL_GPU);
        // 141 GB of BF16 weights: two H100s hold them but leave no KV pool, four do
        assertThat(p.placement().tensorParallel()).isEqualTo(4);
        assertThat(p.placement().devices()).hasSize(4);
        assertThat(p.command().text()).startsWith("vllm serve meta-llama/Llama-3.3-70B-Instruct --tensor-parallel-size 4"
                + " --max-model-len 32768");
        RunPlan fp8 = plan(LLAMA_70B, Models.machine("4x H100", 512), "vllm", "fp8", 32768);
        assertThat(fp8.placement().tensorParallel()).isEqualTo(2);
        assertThat(fp8.artifact().onlineQuantization()).isEqualTo("fp8");
        assertThat(fp8.command().text()).contains("--quantization fp8");
    }

    @Test
    void enginesThatCannotRunOnAMachineSaySo() {
        RunPlan mixed = plan(LLAMA_8B, Models.machine("RTX 4090 + RTX 3060", 64), "vllm", "bf16", 8192);
        assertThat(mixed.fit()).isEqualTo(FitLevel.DOES_NOT_FIT);
        assertThat(mixed.placement().notes()).anyMatch(n -> n.contains("identical GPUs"));
        RunPlan mlx = plan(LLAMA_8B, Models.machine("RTX 4090", 64), "mlx", "mlx-4bit", 8192);
        assertThat(mlx.fit()).isEqualTo(FitLevel.DOES_NOT_FIT);
        assertThat(Planner.unsuitable(Engine.MLX, Models.machine("RTX 4090", 64))).contains("Apple silicon");
        assertThat(plan(LLAMA_8B, Models.machine("M3 Max 64GB", 64), "mlx", "mlx-4bit", 8192).fit())
                .isEqualTo(FitLevel.FULL_GPU);
    }

    @Test
    void commandsNameOnlyArtifactsThatExist() {
        RunPlan noRepo = plan(LLAMA_70B_NO_REPOS, Models.machine("H100", 128), "llama.cpp", "Q4_K_M", 8192);
        assertThat(noRepo.artifact().repo()).isNull();
        assertThat(noRepo.command().runnable()).isFalse();
        assertThat(noRepo.command().text()).startsWith("# ").doesNotContain("-GGUF");
        RunPlan awq = plan(LLAMA_70B, Models.machine("2x H100", 256), "vllm", "awq", 8192);
        assertThat(awq.artifact().known()).isFalse();
        assertThat(awq.command().text()).startsWith("# ");
        RunPlan mlx = plan(LLAMA_8B, Models.machine("M3 Max 64GB", 64), "mlx", "mlx-4bit", 8192);
        assertThat(mlx.command().runnable()).isFalse();
        assertThat(mlx.command().text()).startsWith("# ")
                .contains("mlx_lm.convert --hf-path meta-llama/Llama-3.1-8B-Instruct -q --q-bits 4");
    }

    @Test
    void aGgufPlanLoadsOnlyAFileTheRegistryLists() {
        ArtifactRepo repo = new ArtifactRepo("someone/Llama-3.1-8B-GGUF", "GGUF", null, List.of(
                new ArtifactFile("Q4_K_M", "Llama-3.1-8B-Q4_K_M.gguf", 4_920_734_016L, false, 1),
                new ArtifactFile("Q6_K_L", "Llama-3.1-8B-Q6_K_L.gguf", null, false, 1)), true, "test listing");
        CatalogModel m = LLAMA_8B.withArtifacts(List.of(repo));
        RunPlan q4 = plan(m, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 8192);
        assertThat(q4.command().text()).startsWith("llama-server -hf someone/Llama-3.1-8B-GGUF:Q4_K_M ");
        assertThat(q4.artifact().bytes()).isEqualTo(4_920_734_016L);
        RunPlan q5 = plan(m, Models.machine("RTX 4090", 64), "llama.cpp", "Q5_K_M", 8192);
        assertThat(q5.artifact().known()).isFalse();
        assertThat(q5.command().runnable()).isFalse();
        assertThat(q5.command().text()).contains("holds Q5_K_M").contains("someone/Llama-3.1-8B-GGUF (Q4_K_M, Q6_K_L)")
                .contains("convert_hf_to_gguf.py");
        ArtifactRepo unlisted = ArtifactRepo.unlisted("someone/Llama-3.1-8B-GGUF", "GGUF", "test");
        RunPlan none = plan(LLAMA_8B.withArtifacts(List.of(unlisted)), Models.machine("RTX 4090", 64), "llama.cpp",
                "Q4_K_M", 8192);
        assertThat(none.artifact().known()).as("a repo whose files nobody listed cannot be claimed to hold a quant")
                .isFalse();
        assertThat(none.command().text()).contains("files not listed");
    }

    @Test
    void anExactRegistrySizeReplacesTheEstimatedWeightsAndARoundedOneOnlyChecksIt() {
        RunPlan estimated = plan(LLAMA_8B, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 8192);
        long est = estimated.memory().weightsBytes();
        long exactBytes = est + 300_000_000L; // a file ~6% larger than stock rules: an imatrix mix, say
        CatalogModel exact = LLAMA_8B.withArtifacts(List.of(new ArtifactRepo("someone/Llama-3.1-8B-GGUF", "GGUF", null,
                List.of(new ArtifactFile("Q4_K_M", "f.gguf", exactBytes, true, 1)), true, "sync")));
        RunPlan p = plan(exact, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 8192);
        assertThat(p.memory().weightsBytes()).isEqualTo(exactBytes);
        assertThat(p.memory().breakdown().toString()).contains("file size from the registry");
        assertThat(p.memory().totalBytes()).isGreaterThan(estimated.memory().totalBytes());
        CatalogModel rounded = LLAMA_8B.withArtifacts(List.of(new ArtifactRepo("someone/Llama-3.1-8B-GGUF", "GGUF",
                null, List.of(new ArtifactFile("Q4_K_M", "f.gguf", exactBytes, false, 1)), true, "card")));
        RunPlan r = plan(rounded, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 8192);
        assertThat(r.memory().weightsBytes()).isEqualTo(est);
        assertThat(r.warnings()).anyMatch(w -> w.contains("lists") && w.contains("the estimate is"));
    }

    @Test
    void llamaCppFlagsTheUserGivesAreFollowed() {
        CatalogModel moe = Models.model("Qwen3-30B-A3B", Map.of("gguf", "Qwen/Qwen3-30B-A3B-GGUF"));
        Machine m = Models.machine("RTX 4090", 64);
        PlanRequest base = PlanRequest.of(Engine.LLAMA_CPP, Quant.parse("Q4_K_M"), 32768);
        RunPlan chosen = PLANNER.plan(moe, m, base);
        RunPlan allExperts = PLANNER.plan(moe, m, withOptions(base, new LlamaCppOptions(null, null, true, List.of(), false,
                false)));
        assertThat(allExperts.placement().cpuMoeLayers()).isEqualTo(moe.arch().layerCount());
        assertThat(allExperts.command().text()).contains("-ot exps=CPU");
        assertThat(allExperts.placement().deviceBytes().get(0)).isLessThan(chosen.placement().deviceBytes().get(0));
        assertThat(allExperts.decodeTokensPerS()).isLessThan(chosen.decodeTokensPerS());
        // -nkvo: the KV cache moves from the GPU to RAM, and its reads slow decoding at depth
        RunPlan nkvo = PLANNER.plan(moe, m, withOptions(base, new LlamaCppOptions(null, null, false, List.of(), true,
                false)));
        assertThat(nkvo.placement().devices().get(0).kvCacheBytes()).isZero();
        assertThat(nkvo.placement().devices().get(1).kvCacheBytes()).isEqualTo(chosen.memory().kvCacheBytes());
        assertThat(nkvo.command().text()).contains(" -nkvo");
        assertThat(nkvo.speed().atFullContext().decodeTokensPerS())
                .isLessThan(chosen.speed().atFullContext().decodeTokensPerS());
        // -ngl that does not fit is reported, not silently changed
        RunPlan tooMany = PLANNER.plan(LLAMA_70B, m, withOptions(base, new LlamaCppOptions(80, null, false, List.of(),
                false, false)));
        assertThat(tooMany.fit()).isEqualTo(FitLevel.DOES_NOT_FIT);
        assertThat(tooMany.placement().notes()).anyMatch(n -> n.startsWith("GPU0 needs"));
        // -ts splits layers as asked
        RunPlan split = PLANNER.plan(LLAMA_8B, Models.machine("2x RTX 3090", 64), withOptions(base,
                new LlamaCppOptions(null, null, false, List.of(3.0, 1.0), false, false)));
        assertThat(split.placement().deviceBytes().get(0)).isGreaterThan(split.placement().deviceBytes().get(1) * 2);
        assertThat(split.command().text()).contains("-ts 0.75,0.25");
    }

    static PlanRequest withOptions(PlanRequest r, LlamaCppOptions o) {
        return new PlanRequest(r.template(), r.context(), r.backend(), r.exactWeights(), r.localFile(), r.draft(), o);
    }

    @Test
    void speedReadsTheKvCacheAtDepth() {
        RunPlan p = plan(LLAMA_8B, Models.machine("RTX 4090", 64), "llama.cpp", "Q4_K_M", 131072);
        assertThat(p.speed().atFullContext().decodeTokensPerS()).isLessThan(p.speed().decodeTokensPerS() * 0.8);
        // a sliding-window model reads only the window on its local layers, so depth costs it less
        CatalogModel gemma = Models.model("gemma-3-12b");
        RunPlan g = plan(gemma, Models.machine("H100", 64), "llama.cpp", "Q4_K_M", 131072);
        double gemmaLoss = g.speed().atFullContext().decodeTokensPerS() / g.speed().decodeTokensPerS();
        double llamaLoss = p.speed().atFullContext().decodeTokensPerS() / p.speed().decodeTokensPerS();
        assertThat(gemmaLoss).isGreaterThan(llamaLoss);
    }
}
