package dev.runyard.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.core.estimate.Engine;
import org.junit.jupiter.api.Test;

/** The engine matrix keeps only sourced facts, and a model's own catalog entry overrides its architecture's row. */
class EngineMatrixTest {
    static EngineMatrix parse(String json) throws Exception {
        return EngineMatrix.parse(new ObjectMapper().readTree(json));
    }

    @Test
    void unsourcedFactsStayUnknown() throws Exception {
        EngineMatrix m = parse("""
                {"architectures": {"toy_arch": {"launch_note": "only vLLM at launch", "engines": {
                  "vllm": {"supported": true, "since": "v0.9.0", "source": "https://example.org/vllm-release"},
                  "ollama": {"supported": false, "since": null, "source": "https://example.org/ollama-issue"},
                  "llama.cpp": {"supported": true, "since": "b9999", "source": null},
                  "mlx": {"supported": null, "since": null, "source": null, "note": "no source found"}}}}}
                """);
        assertThat(m.supported("toy_arch", Engine.VLLM)).contains(true);
        assertThat(m.supported("TOY_ARCH", Engine.OLLAMA)).contains(false);
        // a claim without a source is not a fact: neither its yes nor its version is kept
        EngineMatrix.Support cpp = m.of("toy_arch").stream().filter(s -> s.engine().equals("llama.cpp")).findFirst()
                .orElseThrow();
        assertThat(cpp.supported()).isNull();
        assertThat(cpp.since()).isNull();
        assertThat(m.of("toy_arch")).hasSize(Engine.values().length);
        assertThat(m.of("other_arch")).allSatisfy(s -> assertThat(s.supported()).isNull());
        assertThat(m.launchNote("toy_arch")).contains("only vLLM at launch");
    }

    @Test
    void theShippedMatrixParsesAndEveryVersionHasASource() {
        EngineMatrix m = EngineMatrix.bundled();
        for (String type : java.util.List.of("llama", "qwen3", "deepseek_v4", "gpt_oss")) {
            for (EngineMatrix.Support s : m.of(type)) {
                if (s.since() != null) {
                    assertThat(s.source()).as(type + " " + s.engine()).startsWith("https://");
                }
            }
        }
    }
}
