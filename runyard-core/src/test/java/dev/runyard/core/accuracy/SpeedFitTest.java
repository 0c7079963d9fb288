package dev.runyard.core.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.hardware.AcceleratorDatabase;
import dev.runyard.core.speed.SpeedConstants;
import dev.runyard.core.testing.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The constants Runyard ships ({@code speed_constants.csv}) are what {@link SpeedFit} fits on the calibration rows:
 * nothing in that table is set by hand. Run with {@code -Drunyard.golden.update=true} to write the table again after a
 * change to the model or the rows (and review the diff).
 */
class SpeedFitTest {
    private static final Path CSV = Path.of("src/main/resources/dev/runyard/core/speed/speed_constants.csv");

    @Test
    void shippedConstantsAreTheFit() throws IOException {
        List<SpeedCase> cases = SpeedCases.parse(Calibration.read("speed_cases.jsonl"), AcceleratorDatabase.bundled(),
                new ArrayList<>());
        SpeedFit.Result fit = SpeedFit.fit(cases);
        String csv = SpeedConstants.csv(fit.constants().values(), fit.basis());
        if (Boolean.getBoolean("runyard.golden.update")) {
            Files.writeString(CSV, csv);
            return;
        }
        assertThat(Files.readString(CSV)).as("speed_constants.csv; refit with -Drunyard.golden.update=true").isEqualTo(csv);
        assertThat(SpeedConstants.fitted().values()).isEqualTo(fit.constants().values());
    }

    @Test
    void leavingHardwareOutRefitsWithoutIt() {
        List<SpeedCase> cases = SpeedCases.parse(Calibration.read("speed_cases.jsonl"), AcceleratorDatabase.bundled(),
                new ArrayList<>());
        // The only row-split rows are on two accelerators; without the RTX 4090 the sync is fitted on the RTX 3090 alone.
        SpeedConstants all = SpeedFit.fit(cases).constants();
        SpeedConstants no4090 = SpeedFit.fit(cases.stream().filter(c -> !c.hardware().equals("nv-rtx4090")).toList())
                .constants();
        assertThat(all.values()).containsKey("prefill/cuda/quant/mmq");
        assertThat(no4090.values().get("row_split_sync_us")).isNotEqualTo(all.values().get("row_split_sync_us"));
    }

    @Test
    void perLayerTimeIsFittedWhereModelSizesDiffer() {
        List<SpeedCase> cases = SpeedCases.parse(Calibration.read("speed_cases.jsonl"), AcceleratorDatabase.bundled(),
                new ArrayList<>());
        SpeedConstants all = SpeedFit.fit(cases).constants();
        // CUDA and Metal rows hold 7B-70B models at 4-16 bits on the same cards: share and per-layer time separate.
        assertThat(all.values()).containsKeys("layer_us/cuda/current", "layer_us/metal");
        // Every Vulkan row is Llama-2-7B Q4_0: one size, so the per-layer time keeps its prior (BackendProfile).
        assertThat(all.values()).doesNotContainKey("layer_us/vulkan");
        // The per-layer time is fitted above the hand-set prior it replaced on Metal (100 µs).
        assertThat(all.values().get("layer_us/metal")).isGreaterThan(100.0);
    }
}
