package dev.runyard.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.estimate.WeightsEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.format.hfconfig.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.testing.Calibration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Predicted GGUF tensor bytes against llama-bench's printed "size" (GiB, two decimals) for stock-quantized files
 * in {@code calibration/gguf_sizes.jsonl}. Tolerance: the print rounding (0.005 GiB) plus 0.3%.
 */
class GgufWeightsTest {
    static Stream<Arguments> files() {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode row : Calibration.read("gguf_sizes.jsonl")) {
            for (JsonNode f : row.path("files")) {
                if (f.path("unit").asText().equals("GiB") && f.path("matches_stock_llama_quantize_rules").asBoolean(false)
                        && !f.path("quant").asText().contains(" ")) {
                    out.add(Arguments.of(row.path("id").asText() + " " + f.path("quant").asText(), row.get("config"),
                            f.path("quant").asText(), f.path("size").asDouble()));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void matchesLlamaBenchSize(String name, JsonNode config, String quant, double gib) {
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.of(config, name));
        Quant.Gguf q = (Quant.Gguf) Quant.parse(quant);
        // The quantize README table used an imatrix for IQ1-IQ3 (required there) but not for IQ4_XS/IQ4_NL.
        boolean imatrix = quant.startsWith("IQ1") || quant.startsWith("IQ2") || quant.startsWith("IQ3");
        double predicted = WeightsEstimator.gguf(arch, q, imatrix).bytes() / (double) (1L << 30);
        assertThat(Math.abs(predicted - gib)).as("%s: predicted %.3f GiB vs %.2f", name, predicted, gib)
                .isLessThan(0.005 + gib * 0.003);
    }

    /**
     * gpt-oss keeps its MXFP4 experts in every file type. File sizes (decimal GB, metadata included) from
     * https://huggingface.co/unsloth/gpt-oss-20b-GGUF: Q2_K 11.5, Q4_K_M 11.6, Q8_0 12.1, F16 13.8.
     */
    @ParameterizedTest(name = "gpt-oss-20b {0}")
    @org.junit.jupiter.params.provider.CsvSource({"Q2_K,11.5", "Q4_K_M,11.6", "Q8_0,12.1", "F16,13.8"})
    void gptOssKeepsMxfp4Experts(String quant, double gb) {
        JsonNode config = Calibration.read("model_configs.jsonl").stream()
                .filter(r -> r.path("model").asText().equals("gpt-oss-20b")).findFirst().orElseThrow().get("config");
        ModelArchitecture arch = ArchitectureReader.read(HfConfig.of(config, "gpt-oss-20b"));
        double predicted = WeightsEstimator.gguf(arch, (Quant.Gguf) Quant.parse(quant), false).bytes() / 1e9;
        assertThat(Math.abs(predicted - gb)).as("%s: %.2f GB", quant, predicted).isLessThan(0.06);
    }
}
