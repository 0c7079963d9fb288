package dev.runyard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.ParameterCounts;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.testing.Calibration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter counts from the tensor inventory against exact published counts, for every verified config in
 * {@code calibration/model_configs.jsonl} (each row cites its config source).
 */
class ParameterCountTest {
    static Stream<Arguments> configs() {
        return Calibration.read("model_configs.jsonl").stream()
                // rows whose config is a summary (no hidden_size) cannot be counted
                .filter(n -> n.path("total_params").isNumber())
                .filter(n -> n.path("config").path("hidden_size").isNumber()
                        || n.path("config").path("text_config").path("hidden_size").isNumber())
                .map(n -> Arguments.of(n.path("model").asText(n.path("id").asText()), n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void matchesPublishedCountWithinHalfAPercent(String name, JsonNode row) {
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.of(row.get("config"), name));
        long expected = row.get("total_params").asLong();
        long withoutMtp = ParameterCounts.total(arch) + arch.visionParams();
        long withMtp = InventoryBuilder.checkpoint(arch).parameterCount() + arch.visionParams();
        // Publishers count either the whole checkpoint (GLM: NextN included) or the model without its MTP block.
        double err = Math.min(Calibration.relErr(withoutMtp, expected), Calibration.relErr(withMtp, expected));
        assertThat(err).as("%s: %,d (%,d with MTP) vs %,d", name, withoutMtp, withMtp, expected).isLessThan(0.005);
    }
}
