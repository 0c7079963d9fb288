package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.catalog.Checkpoint;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.format.safetensors.SafetensorsDtype;
import dev.runyard.core.format.safetensors.SafetensorsHeader;
import dev.runyard.core.format.safetensors.SafetensorsTensor;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.testing.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A repo's own safetensors headers in a plan: the plans that load the checkpoint as stored take its bytes (text
 * tensors only, MTP blocks only when they draft), the others stay estimates and say why.
 */
class CheckpointPlanTest {
    static final Planner PLANNER = new Planner();
    static final CatalogModel LLAMA = Models.model("Llama-3.1-8B");

    /** Llama-3.1-8B's tensors under their Hugging Face names, norms in F32, a vision tensor and an extra block. */
    static SafetensorsHeader header() {
        List<SafetensorsTensor> ts = new ArrayList<>();
        long[] at = {0};
        java.util.function.BiConsumer<String, Object[]> add = (name, spec) -> {
            SafetensorsDtype d = (SafetensorsDtype) spec[0];
            long[] shape = (long[]) spec[1];
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            ts.add(new SafetensorsTensor(name, d, shape, at[0], at[0] + d.bytes(n)));
            at[0] += d.bytes(n);
        };
        add.accept("model.embed_tokens.weight", new Object[]{SafetensorsDtype.BF16, new long[]{128256, 4096}});
        for (int i = 0; i < 32; i++) {
            String p = "model.layers." + i + ".";
            add.accept(p + "input_layernorm.weight", new Object[]{SafetensorsDtype.F32, new long[]{4096}});
            add.accept(p + "self_attn.q_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{4096, 4096}});
            add.accept(p + "self_attn.k_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{1024, 4096}});
            add.accept(p + "self_attn.v_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{1024, 4096}});
            add.accept(p + "self_attn.o_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{4096, 4096}});
            add.accept(p + "post_attention_layernorm.weight", new Object[]{SafetensorsDtype.F32, new long[]{4096}});
            add.accept(p + "mlp.gate_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{14336, 4096}});
            add.accept(p + "mlp.up_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{14336, 4096}});
            add.accept(p + "mlp.down_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{4096, 14336}});
        }
        add.accept("model.norm.weight", new Object[]{SafetensorsDtype.F32, new long[]{4096}});
        add.accept("lm_head.weight", new Object[]{SafetensorsDtype.BF16, new long[]{128256, 4096}});
        add.accept("vision_tower.patch_embed.weight", new Object[]{SafetensorsDtype.BF16, new long[]{1024, 588}});
        add.accept("model.layers.32.eh_proj.weight", new Object[]{SafetensorsDtype.BF16, new long[]{4096, 8192}});
        return new SafetensorsHeader("test", Map.of(), ts, 0);
    }

    static final long TOWER = 1024L * 588 * 2;
    static final long EXTRA_BLOCK = 4096L * 8192 * 2;

    static CatalogModel withHeaders() {
        return LLAMA.withCheckpoint(new Checkpoint.Read("https://hub.test/x/model.safetensors.index.json", 4, header(),
                null, ""));
    }

    static RunPlan plan(CatalogModel m, String engine, String quant, int tp) {
        EstimateRequest t = EstimateRequest.builder(Quant.parse(quant)).engine(Engine.parse(engine)).ctx(4096).tp(tp).gpus(Math.max(1, tp))
                .build();
        return PLANNER.plan(m, null, new PlanRequest(t, 4096, null, null, null, null, null));
    }

    @Test
    void aPlanLoadingTheCheckpointAsStoredTakesItsTextTensorsBytes() {
        long text = header().tensorBytes() - TOWER - EXTRA_BLOCK;
        RunPlan p = plan(withHeaders(), "vllm", "bf16", 1);
        assertThat(p.memory().weightsBytes()).isEqualTo(text);
        String formula = p.memory().breakdown().stream().filter(x -> x.name().equals("weights_per_gpu")).findFirst()
                .orElseThrow().formula();
        assertThat(formula).startsWith("exact: dtype x shape of 291 tensors from 4 safetensors headers")
                .contains(String.format(java.util.Locale.ROOT, "%,d bytes of vision/audio tower", TOWER))
                .contains(String.format(java.util.Locale.ROOT, "%,d bytes of MTP blocks not loaded", EXTRA_BLOCK));
        // The F32 norms make the checkpoint larger than the 16-bit estimate.
        long estimated = plan(LLAMA, "vllm", "bf16", 1).memory().weightsBytes();
        assertThat(text - estimated).isEqualTo(65L * 4096 * 2);
        assertThat(p.warnings()).noneMatch(w -> w.contains("estimated"));
    }

    @Test
    void overTensorParallelRanksTheExactTotalIsSplitAsTheEstimateSplitsIt() {
        long text = header().tensorBytes() - TOWER - EXTRA_BLOCK;
        long estimatedWhole = plan(LLAMA, "vllm", "bf16", 1).memory().weightsBytes();
        long estimatedRank = plan(LLAMA, "vllm", "bf16", 2).memory().weightsBytes();
        RunPlan p = plan(withHeaders(), "vllm", "bf16", 2);
        assertThat(p.memory().weightsBytes()).isEqualTo(Math.round(estimatedRank * ((double) text / estimatedWhole)));
        assertThat(p.memory().breakdown().toString()).contains("the exact total split over the ranks");
    }

    @Test
    void plansThatConvertTheCheckpointAreEstimatesAndSaySo() {
        RunPlan gguf = plan(withHeaders(), "llama.cpp", "Q4_K_M", 0);
        assertThat(gguf.memory().weightsBytes()).isEqualTo(plan(LLAMA, "llama.cpp", "Q4_K_M", 0).memory().weightsBytes());
        assertThat(gguf.warnings()).anyMatch(w -> w.startsWith("weights estimated for Q4_K_M: the Hub's 4 safetensors"
                + " headers size the bf16 checkpoint as stored"));
        RunPlan fp8 = plan(withHeaders(), "vllm", "fp8", 1); // quantized by vLLM while loading
        assertThat(fp8.memory().weightsBytes()).isEqualTo(plan(LLAMA, "vllm", "fp8", 1).memory().weightsBytes());
        assertThat(fp8.warnings()).anyMatch(w -> w.startsWith("weights estimated for fp8"));
    }

    @Test
    void unreadHeadersLeaveTheEstimateWithTheReason() {
        RunPlan p = plan(LLAMA.withCheckpoint(new Checkpoint.Unread("the Hub has no model.safetensors for x/y")),
                "vllm", "bf16", 1);
        assertThat(p.memory().weightsBytes()).isEqualTo(plan(LLAMA, "vllm", "bf16", 1).memory().weightsBytes());
        assertThat(p.warnings()).contains("weights estimated from config.json, not exact: the Hub has no"
                + " model.safetensors for x/y");
    }

    @Test
    void theStoredFormatComesFromTheConfigElseFromTheTensors() {
        assertThat(new Checkpoint.Read("s", 1, header(), null, "").format()).isEqualTo("bf16");
        assertThat(new Checkpoint.Read("s", 1, header(), null, "FP8").format()).isEqualTo("fp8");
        SafetensorsHeader gptq = new SafetensorsHeader("s", Map.of(), List.of(
                new SafetensorsTensor("model.layers.0.mlp.up_proj.qweight", SafetensorsDtype.I32, new long[]{8, 64}, 0,
                        2048),
                new SafetensorsTensor("model.layers.0.mlp.up_proj.g_idx", SafetensorsDtype.I32, new long[]{64}, 2048,
                        2304)), 0);
        assertThat(new Checkpoint.Read("s", 1, gptq, null, "").format()).isEqualTo("gptq");
    }
}
