package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.hardware.HardwareSpec;
import dev.runyard.core.catalog.CatalogModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code calc MODEL --how-many GPU} never aborts for a catalog model: each row has a count or says why not. */
class HowManyTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The rows the command prints, for every sizable bundled model; called directly, 300 CLI runs would be slow. */
    @Test
    void everySizableCatalogModelGetsAFullTableOnH100() {
        HardwareSpec.Part h100 = HardwareSpec.parse("H100", AcceleratorDatabase.bundled()).parts().get(0);
        List<CatalogModel> sizable = CatalogModels.bundled().stream().filter(m -> m.arch() != null).toList();
        assertThat(sizable).hasSizeGreaterThan(300);
        dev.runyard.core.plan.Planner planner = new dev.runyard.core.plan.Planner();
        for (CatalogModel m : sizable) {
            List<HowMany> rows = HowMany.rows(planner, m, h100.accelerator(), h100.memoryBytes(), 32768);
            assertThat(rows).as(m.id()).hasSize(5).allSatisfy(r -> {
                if (r.gpus() == null) {
                    assertThat(r.note()).as(m.id() + " " + r.engine() + " " + r.quant())
                            .matches("more than 1024|not applicable: .+").doesNotContain("cannot estimate");
                } else {
                    assertThat(r.gpus()).isBetween(1, 1024);
                    assertThat(r.note()).isNull();
                }
            });
            // llama.cpp splits layers over any count, so a GGUF row always has a number up to 1024 GPUs.
            assertThat(rows.get(4).gpus()).as(m.id()).isNotNull();
        }
    }

    @Test
    void headsThatDoNotSplitSayWhyInsteadOfAborting() throws Exception {
        CliRun r = CliRun.of("calc", "meta-llama/Llama-4-Maverick-17B-128E", "--how-many", "H100", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode bf16 = MAPPER.readTree(r.out()).get("least_gpus").get(0);
        assertThat(bf16.get("quant").asText()).isEqualTo("bf16");
        assertThat(bf16.get("gpus").isNull()).isTrue();
        assertThat(bf16.get("note").asText()).startsWith("not applicable: ").contains("attention heads");
        CliRun text = CliRun.of("calc", "meta-llama/Llama-4-Maverick-17B-128E", "--how-many", "H100");
        assertThat(text.out()).contains("not applicable: 40 attention heads do not split over 16 GPUs; 8 are too few");
        assertThat(text.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void vllmDoesNotRunOnAppleSilicon() throws Exception {
        CliRun r = CliRun.of("calc", "Qwen/Qwen3-8B", "--how-many", "M3 Max", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        for (JsonNode row : MAPPER.readTree(r.out()).get("least_gpus")) {
            if (row.get("engine").asText().equals("vllm")) {
                assertThat(row.get("note").asText()).contains("Apple silicon");
            } else {
                assertThat(row.get("gpus").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void badGpuOrContextIsOneLine() {
        for (String[] args : new String[][] {{"--how-many", "Frobnicator 9000"}, {"--how-many", "2x H100"},
            {"--how-many", "H100", "--ctx", "0"}, {"--how-many", "H100", "--ctx", "20000000"}}) {
            String[] all = new String[args.length + 2];
            all[0] = "calc";
            all[1] = "Qwen/Qwen3-8B";
            System.arraycopy(args, 0, all, 2, args.length);
            CliRun r = CliRun.of(all);
            assertThat(r.exit()).as(String.join(" ", args)).isIn(2, 3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
    }
}
