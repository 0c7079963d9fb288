package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** run refuses an engine the sources say cannot run the model, and names the engines that can. */
class RunEngineSupportTest {
    @Test
    void deepSeekV4OnMlxIsRefusedWithTheEnginesThatWork() {
        CliRun r = CliRun.of("run", "deepseek-ai/DeepSeek-V4-Flash", "--engine", "mlx", "--gpu", "M3 Ultra 512GB");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("runyard: mlx cannot run deepseek-ai/DeepSeek-V4-Flash")
                .contains("engines that can: ").contains("vllm").contains("sglang").doesNotContain("\n");
    }

    @Test
    void fitNeverProposesAnUnsupportedEngine() throws Exception {
        CliRun r = CliRun.of("fit", "--gpu", "M3 Ultra 512GB", "--engine", "mlx", "--limit", "500", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("\"model\" : \"deepseek-ai/DeepSeek-V4-Flash\"");
    }
}
