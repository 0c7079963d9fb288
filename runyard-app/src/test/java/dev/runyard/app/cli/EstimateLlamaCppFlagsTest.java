package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** estimate follows llama.cpp's own placement flags: memory per device, speed and command change with them. */
class EstimateLlamaCppFlagsTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode estimate(String... flags) throws Exception {
        String[] base = {"estimate", "--model", "openai/gpt-oss-120b", "--quant", "MXFP4_MOE", "--ctx", "32768", "--gpu",
            "RTX 4090", "--ram", "64", "--json"};
        String[] all = new String[base.length + flags.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(flags, 0, all, base.length, flags.length);
        CliRun r = CliRun.of(all);
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    @Test
    void expertsToCpuAndFewerExpertsInRamChangeTheSplitAndTheSpeed() throws Exception {
        JsonNode chosen = estimate();
        JsonNode allOnCpu = estimate("-ot", "exps=CPU");
        JsonNode some = estimate("--n-cpu-moe", "30");
        long gpuChosen = chosen.get("placement").get("device_bytes").get(0).asLong();
        long gpuAll = allOnCpu.get("placement").get("device_bytes").get(0).asLong();
        long gpuSome = some.get("placement").get("device_bytes").get(0).asLong();
        assertThat(gpuAll).isLessThan(gpuSome).isLessThan(gpuChosen);
        assertThat(allOnCpu.get("placement").get("cpu_moe_layers").asInt()).isEqualTo(36);
        assertThat(allOnCpu.get("decode_tokens_per_s").asDouble()).isLessThan(chosen.get("decode_tokens_per_s").asDouble());
        assertThat(allOnCpu.get("total_bytes").asLong()).isEqualTo(chosen.get("total_bytes").asLong()
                - chosen.get("placement").get("devices").get(0).get("compute_bytes").asLong()
                + allOnCpu.get("placement").get("devices").get(0).get("compute_bytes").asLong());
    }

    @Test
    void aPlacementThatCannotFitSaysWhichGpuOverflows() throws Exception {
        JsonNode j = estimate("-ngl", "999", "-nkvo");
        assertThat(j.get("fit").asText()).isEqualTo("does_not_fit");
        assertThat(j.get("placement").get("notes").toString()).contains("GPU0 needs");
    }

    @Test
    void flagsThatDoNotApplyAreOneLineErrors() {
        CliRun ts = CliRun.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--gpu", "2x RTX 3090",
                "-ts", "3,1,1");
        assertThat(ts.exit()).isEqualTo(2);
        assertThat(ts.err().strip()).contains("--tensor-split gives 3 shares for 2 GPU(s)").doesNotContain("\n");
        CliRun ot = CliRun.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--gpu", "RTX 4090",
                "-ot", "blk\\.0\\.=CUDA0");
        assertThat(ot.exit()).isEqualTo(2);
        assertThat(ot.err()).contains("is not understood");
        CliRun vllm = CliRun.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "bf16", "--engine", "vllm", "--gpu",
                "H100", "-ngl", "10");
        assertThat(vllm.exit()).isEqualTo(2);
        assertThat(vllm.err()).contains("do not apply to vllm");
        assertThat(CliRun.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--gpu", "RTX 4090", "-ngl",
                "-3").exit()).isEqualTo(2);
    }
}
