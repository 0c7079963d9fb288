package dev.runyard.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.testing.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU side of a plan: measured or assumed RAM bandwidth, and a CPU that computes as well as reads. */
class HostCpuTest {
    static final CatalogModel QWEN3_4B = Models.model("Qwen3-4B", java.util.Map.of("gguf", "test/Qwen3-4B-GGUF"));

    @Test
    void aMeasuredCopyCountsAsItsDatasheetEquivalentAndSaysSo() {
        HostCpu h = HostCpu.measured(2, List.of("avx2", "avx512f", "avx512_vnni"), 32.0, "2026-12-07");
        assertThat(h.ramBandwidthGbs()).isCloseTo(32.0 / 0.54, within(0.01));
        assertThat(h.measuredCopyGbs()).isEqualTo(32.0);
        assertThat(h.source()).contains("measured 2026-12-07").contains("copy 32.0 GB/s");
        assertThat(h.prefillGflops()).isEqualTo(420);
        assertThat(h.withBandwidth(89.6).source()).contains("given");
        assertThat(new HostCpu(4, List.of("avx2"), 50, 0, "x").prefillGflops()).isEqualTo(360);
    }

    @Test
    void theAssumedCpuFollowsTheMachineClass() {
        assertThat(Models.machine("RTX 4090", 64).host().source()).contains("desktop");
        assertThat(Models.machine("8x H200", 2048).host().source()).contains("server");
        assertThat(Models.machine("8x H200", 2048).ramBandwidthGbs()).isEqualTo(HostCpu.SERVER_GBS);
        assertThat(Machine.cpuOnly(16L << 30).ramBandwidthGbs()).isEqualTo(HostCpu.DESKTOP_GBS);
    }

    @Test
    void aCpuOnlyPlanHasAPrefillFigureAndSlowerRamDecodesSlower() {
        Machine fast = Machine.cpuOnly(32L << 30).withHost(HostCpu.measured(4, List.of("avx512_vnni"), 200, "d"));
        Machine slow = Machine.cpuOnly(32L << 30).withHost(HostCpu.measured(4, List.of("avx512_vnni"), 20, "d"));
        RunPlan f = new Planner().plan(QWEN3_4B, fast, PlanRequest.of(dev.runyard.core.estimate.Engine.LLAMA_CPP,
                dev.runyard.core.quant.Quant.parse("Q4_0"), 4096));
        RunPlan s = new Planner().plan(QWEN3_4B, slow, PlanRequest.of(dev.runyard.core.estimate.Engine.LLAMA_CPP,
                dev.runyard.core.quant.Quant.parse("Q4_0"), 4096));
        assertThat(f.speed().atStart().prefillTokensPerS()).isNotNull().isPositive();
        assertThat(s.decodeTokensPerS()).isLessThan(f.decodeTokensPerS());
        // 200 GB/s of RAM cannot make 4 threads multiply faster than they can: decode is compute-bound there.
        Machine faster = fast.withHost(HostCpu.measured(4, List.of("avx512_vnni"), 400, "d"));
        RunPlan ff = new Planner().plan(QWEN3_4B, faster, PlanRequest.of(dev.runyard.core.estimate.Engine.LLAMA_CPP,
                dev.runyard.core.quant.Quant.parse("Q4_0"), 4096));
        assertThat(ff.decodeTokensPerS()).isCloseTo(f.decodeTokensPerS(), within(f.decodeTokensPerS() * 0.02));
        assertThat(f.speed().atStart().basis().toString()).contains("measured d");
    }

    @Test
    void onTheTwoCoreVmTheIssueMeasuredTheModelComesClose() {
        // llama.cpp (node-llama-cpp 3.21.1 binaries), 2 threads, Qwen3-4B Q4_0: 13.7 tok/s decode, pp512 58 tok/s;
        // the VM's copy bandwidth as BandwidthProbe measures it there: about 40 GB/s.
        Machine vm = Machine.cpuOnly(23L << 30).withHost(HostCpu.measured(2, List.of("avx2", "avx512f", "avx512_vnni"),
                40, "d"));
        RunPlan p = new Planner().plan(QWEN3_4B, vm, PlanRequest.of(dev.runyard.core.estimate.Engine.LLAMA_CPP,
                dev.runyard.core.quant.Quant.parse("Q4_0"), 4096));
        assertThat(p.decodeTokensPerS()).isBetween(13.7 * 0.8, 13.7 * 1.2);
        assertThat(p.speed().atStart().prefillTokensPerS()).isBetween(58 * 0.8, 58 * 1.2);
    }

    @Test
    void givenThreadsScaleThePromptRateAndGoIntoTheCommand() {
        HostCpu eight = HostCpu.measured(8, List.of("avx512_vnni"), 40, "d");
        HostCpu two = eight.withThreads(2);
        assertThat(two.threads()).isEqualTo(2);
        assertThat(two.threadsGiven()).isTrue();
        assertThat(eight.threadsGiven()).isFalse();
        assertThat(two.source()).contains("measured d").contains("2 threads as given (--threads)");
        assertThat(two.withBandwidth(60).threadsGiven()).as("a bandwidth given later keeps the threads").isTrue();
        var req = PlanRequest.of(dev.runyard.core.estimate.Engine.LLAMA_CPP, dev.runyard.core.quant.Quant.parse("Q4_0"),
                4096);
        RunPlan all = new Planner().plan(QWEN3_4B, Machine.cpuOnly(32L << 30).withHost(eight), req);
        RunPlan few = new Planner().plan(QWEN3_4B, Machine.cpuOnly(32L << 30).withHost(two), req);
        // Prompt processing is compute-bound on a CPU: a quarter of the threads, about a quarter of the rate.
        assertThat(few.speed().prefillTokensPerS() / all.speed().prefillTokensPerS()).isCloseTo(0.25, within(0.02));
        assertThat(few.speed().decodeTokensPerS()).isLessThanOrEqualTo(all.speed().decodeTokensPerS());
        assertThat(few.command().text()).contains(" -t 2");
        assertThat(few.command().why()).anyMatch(w -> w.startsWith("-t 2: "));
        assertThat(all.command().text()).as("detected threads: llama.cpp's own default").doesNotContain(" -t ");
        assertThat(few.memory().totalBytes()).isEqualTo(all.memory().totalBytes());
    }
}
