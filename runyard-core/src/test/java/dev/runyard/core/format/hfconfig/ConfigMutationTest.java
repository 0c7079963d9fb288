package dev.runyard.core.format.hfconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every integer of every calibration config set to 0, -1 and 1 in turn: reading the architecture and estimating
 * memory either works or fails with a {@link RunyardException} or an estimator's own IllegalArgumentException (one
 * line for the user), never with a raw ArithmeticException or IndexOutOfBoundsException ("/ by zero", "Index 1 out
 * of bounds").
 */
class ConfigMutationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void zeroNegativeAndOneValuesNeverEscapeAsRawJavaErrors() throws Exception {
        List<String> raw = new ArrayList<>();
        int tried = 0;
        for (JsonNode config : configs()) {
            for (String path : intPaths(config, "")) {
                for (long v : new long[] {0, -1, 1}) {
                    ObjectNode c = config.deepCopy();
                    set(c, path, v);
                    tried++;
                    try {
                        ModelArchitecture a = ArchitectureReader.read(HfConfig.of(c, "mutated"));
                        for (String engine : List.of("llama.cpp", "vllm")) {
                            EstimateRequest req = EstimateRequest.builder(Quant.parse(engine.equals("vllm") ? "bf16"
                                    : "Q4_K_M")).ctx(4096).engine(Engine.parse(engine)).gpus(1)
                                    .gpuMemoryBytes(engine.equals("vllm") ? 80L << 30 : 0).build();
                            MemoryEstimator.estimate(a, req);
                        }
                    } catch (RunyardException e) {
                        assertThat(e.getMessage()).doesNotContain("\n");
                    } catch (IllegalArgumentException e) {
                        // An estimator refusing a shape in its own words (the CLI prints it as one line)…
                        if (!e.getStackTrace()[0].getClassName().startsWith("dev.runyard.") || e.getMessage() == null) {
                            raw.add(c.path("model_type").asText() + " " + path + "=" + v + ": " + e);
                        }
                    } catch (RuntimeException e) {
                        // … but never a JDK message such as "/ by zero".
                        raw.add(c.path("model_type").asText() + " " + path + "=" + v + ": " + e);
                    }
                }
            }
        }
        assertThat(tried).isGreaterThan(1000);
        assertThat(raw).as("raw Java errors").isEmpty();
    }

    static List<JsonNode> configs() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ConfigMutationTest.class
                .getResourceAsStream("/calibration/model_configs.jsonl"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line).get("config"));
                }
            }
        }
        return out;
    }

    /** "/a", "/text_config/b": every integer field, nested objects included. */
    static List<String> intPaths(JsonNode n, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = prefix + "/" + e.getKey();
            if (e.getValue().isIntegralNumber()) {
                out.add(p);
            } else if (e.getValue().isObject()) {
                out.addAll(intPaths(e.getValue(), p));
            }
        }
        return out;
    }

    static void set(ObjectNode root, String path, long v) {
        int slash = path.lastIndexOf('/');
        ObjectNode parent = slash == 0 ? root : (ObjectNode) root.at(path.substring(0, slash));
        parent.put(path.substring(slash + 1), v);
    }
}
