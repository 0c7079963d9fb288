package dev.runyard.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One question, one answer: for a grid of questions (dense, sliding-window, hybrid, MLA, MoE with experts in RAM,
 * Apple, mixed and multi-GPU, CPU only; llama.cpp, Ollama, vLLM, SGLang and MLX), {@code estimate}, {@code run},
 * {@code calc}, {@code fit}, {@code compare}, {@code /api/v1/estimate}, {@code /api/v1/rank},
 * {@code /api/v1/models/{id}/calc} and the model page must give identical bytes, tokens/s, context and command.
 * The divergences the Planner issue listed are cases here (see {@link Grid}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SurfacesAgreeTest {
    private Surfaces s;

    @BeforeAll
    void start() {
        s = new Surfaces();
    }

    @AfterAll
    void stop() {
        s.close();
    }

    static Stream<Question> grid() {
        return Grid.QUESTIONS.stream();
    }

    /** The pinned question: estimate (CLI and API), run and calc give the same plan. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void pinnedPlanIsTheSameEverywhere(Question q) {
        JsonNode est = s.cli(estimateArgs(q));
        JsonNode api = s.api("/api/v1/estimate", estimateParams(q));
        assertThat(api).as("API estimate = CLI estimate").isEqualTo(est);
        selfConsistent(est);
        if (!est.get("fit").asText().equals("does_not_fit")) {
            List<String> run = new ArrayList<>(List.of("run", q.model(), "--engine", q.engine(), "--quant", q.quant(),
                    "--ctx", String.valueOf(q.ctx())));
            run.addAll(q.hardwareArgs());
            JsonNode r = s.cli(run);
            assertThat(r.get("context").asLong()).isEqualTo(est.get("context").asLong());
            assertThat(r.get("quant").asText()).isEqualTo(est.get("quant").asText());
            assertThat(r.get("total_bytes").asLong()).as("total").isEqualTo(est.get("total_bytes").asLong());
            assertThat(r.get("device_bytes")).as("per GPU").isEqualTo(est.get("placement").get("device_bytes"));
            assertThat(r.get("host_bytes")).isEqualTo(est.get("placement").get("host_bytes"));
            assertThat(r.get("placement")).isEqualTo(est.get("placement"));
            assertThat(r.get("fit")).isEqualTo(est.get("fit"));
            assertThat(r.get("decode_tokens_per_s")).as("decode").isEqualTo(est.get("decode_tokens_per_s"));
            assertThat(r.get("prefill_tokens_per_s")).as("prefill").isEqualTo(est.get("prefill_tokens_per_s"));
            assertThat(r.get("speed")).isEqualTo(est.get("speed"));
            assertThat(r.get("command")).isEqualTo(est.get("command"));
            assertThat(r.get("artifact")).isEqualTo(est.get("artifact"));
        }
        if (q.engine().equals("llama.cpp")) {
            JsonNode calc = s.cachedCli(withHardware(List.of("calc", q.model()), q));
            Map<String, String> p = q.hardwareParams();
            JsonNode webCalc = s.cachedApi("/api/v1/models/" + q.model() + "/calc", p);
            assertThat(webCalc).as("web calculator = calc").isEqualTo(calc);
            JsonNode cell = cell(calc, q.quant(), q.ctx());
            if (cell != null) {
                assertThat(cell.get("total_bytes").asLong()).as("calc cell").isEqualTo(est.get("total_bytes").asLong());
                assertThat(cell.get("fit")).isEqualTo(est.get("fit"));
            }
        }
    }

    /** The unpinned question: run, fit, /api/v1/rank and the model page pick and show the same plan. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void chosenPlanIsTheSameEverywhere(Question q) {
        JsonNode fit = s.cachedCli(withHardware(List.of("fit", "--engine", q.engine(), "--limit", "500"), q));
        JsonNode row = find(fit, q.model());
        Map<String, String> p = new LinkedHashMap<>(q.hardwareParams());
        p.put("engine", q.engine());
        p.put("limit", "500");
        JsonNode rank = s.cachedApi("/api/v1/rank", p);
        JsonNode apiRow = find(rank.get("results"), q.model());
        if (row == null) {
            assertThat(apiRow).as("the API ranks what fit ranks").isNull();
            // fit tries the pinned quant at the pinned context or a shorter one: if that plan fits, fit lists it
            assertThat(s.cli(estimateArgs(q)).get("fit").asText()).as("fit lists every model whose plan fits")
                    .isEqualTo("does_not_fit");
            return;
        }
        assertThat(apiRow).as("/api/v1/rank row = fit row").isEqualTo(Surfaces.without(row, "machine", "use_case"));
        JsonNode run = s.cli(withHardware(List.of("run", q.model(), "--engine", q.engine()), q));
        assertThat(Surfaces.without(run, "machine")).as("run = fit's row")
                .isEqualTo(Surfaces.without(row, "machine", "use_case"));
        // estimate asked the same question (fit's quant and context) answers with the same numbers
        Question same = new Question(q.model(), q.gpu(), q.ram(), q.engine(), row.get("quant").asText(),
                row.get("context").asLong());
        JsonNode est = s.cli(estimateArgs(same));
        assertThat(est.get("total_bytes").asLong()).isEqualTo(row.get("total_bytes").asLong());
        assertThat(est.get("decode_tokens_per_s")).isEqualTo(row.get("decode_tokens_per_s"));
        assertThat(est.get("prefill_tokens_per_s")).isEqualTo(row.get("prefill_tokens_per_s"));
        assertThat(est.get("command")).isEqualTo(row.get("command"));
        // speed reads the KV cache at depth (the MLX path once left it out): a full context decodes slower
        double full = est.get("speed").get("decode_at_full_context_tokens_per_s").asDouble();
        double start = est.get("decode_tokens_per_s").asDouble();
        if (q.engine().equals("mlx")) {
            assertThat(full).isLessThan(start);
        } else {
            assertThat(full).isLessThanOrEqualTo(start); // compressed attention (V4) reads almost nothing more
        }
        String page = s.page("/models/" + q.model(), q.hardwareParams());
        assertThat(page).as("model page shows run's command").contains(escape(row.get("command").asText()));
        // vLLM/SGLang: the page's serving table shows run's speed.serving rates, row by row
        JsonNode serving = run.get("speed").get("serving");
        assertThat(serving.isEmpty()).as("serving rates exactly for vLLM/SGLang plans")
                .isEqualTo(!q.engine().equals("vllm") && !q.engine().equals("sglang"));
        if (!serving.isEmpty()) {
            assertThat(page).contains("<tr data-engine=\"" + q.engine() + "\">");
        }
        for (JsonNode r : serving) {
            assertThat(page).as("model page serving row at " + r.get("concurrency")).contains(servingRow(q.engine(), r));
        }
    }

    /** A serving row as the model page prints it (one decimal, as the API rounds). */
    static String servingRow(String engine, JsonNode r) {
        return String.format(java.util.Locale.ROOT, "<td class=\"num\">%d</td><td class=\"num\">%.1f</td>"
                + "<td class=\"num\">%.1f</td><td class=\"num\">%.1f</td><td class=\"num\">%d</td><td>%s</td>",
                r.get("concurrency").asInt(), r.get("per_request_tokens_per_s").asDouble(),
                r.get("aggregate_tokens_per_s").asDouble(), r.get("ttft_ms").asDouble(), r.get("prompt_tokens").asInt(),
                escape(r.get("bound").asText()));
    }

    /** compare's best variant is fit's row (any engine) for the model, on the same machine. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("grid")
    void compareShowsFitsChoice(Question q) {
        String other = q.model().equals("Qwen/Qwen3-8B") ? "microsoft/phi-4" : "Qwen/Qwen3-8B";
        JsonNode cmp = s.cachedCli(withHardware(List.of("compare", q.model(), other), q));
        JsonNode fit = s.cachedCli(withHardware(List.of("fit", "--limit", "500"), q));
        JsonNode best = cmp.get("models").get(0).get("best_variant");
        JsonNode row = find(fit, q.model());
        if (row == null) {
            assertThat(best.isNull()).as("compare and fit agree that nothing fits").isTrue();
        } else {
            assertThat(best).isEqualTo(Surfaces.without(row, "machine", "use_case"));
        }
        assertThat(cmp.get("models").get(0).get("memory_q4_k_m_8k_bytes").asLong()).as("compare's Q4_K_M 8K = estimate's")
                .isEqualTo(s.cachedCli(List.of("estimate", "--model", q.model(), "--quant", "Q4_K_M", "--ctx", "8192",
                        "--gpus", "1")).get("total_bytes").asLong());
    }

    /** Every ranked command loads the artifact its plan sized (the AWQ-sized, BF16-served divergence). */
    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({"8x H200,vllm", "2x H100,sglang", "RTX 4090,llama.cpp",
        "M3 Max 64GB,mlx", "RTX 3060 12GB,ollama"})
    void commandsLoadWhatThePlanSized(String gpu, String engine) {
        JsonNode rank = s.cachedApi("/api/v1/rank", Map.of("gpu", gpu, "ram", "256", "engine", engine, "limit", "500"));
        assertThat(rank.get("results")).isNotEmpty();
        for (JsonNode r : rank.get("results")) {
            JsonNode a = r.get("artifact");
            String cmd = r.get("command").asText();
            String quant = r.get("quant").asText();
            assertThat(a.get("repo").isNull()).as("a ranked plan loads published weights: " + cmd).isFalse();
            String repo = a.get("repo").asText();
            String tag = a.get("tag").asText(quant);
            if (engine.equals("llama.cpp") || engine.equals("ollama")) {
                // the registry file's own spelling of the quant (i1-Q4_K_M, q4_k_m) names the very type planned
                assertThat(new dev.runyard.core.catalog.ArtifactFile(tag, null, null, false, null).isQuant(quant))
                        .as(tag + " is " + quant).isTrue();
                assertThat(a.get("source").asText()).startsWith("registry: ");
            }
            switch (engine) {
                case "llama.cpp" -> assertThat(cmd).startsWith("llama-server -hf " + repo + ":" + tag + " -c "
                        + r.get("context").asLong());
                case "ollama" -> assertThat(cmd).contains("OLLAMA_CONTEXT_LENGTH=" + r.get("context").asLong())
                        .contains("ollama run hf.co/" + repo + ":" + tag);
                case "mlx" -> assertThat(cmd).isEqualTo("mlx_lm.server --model " + repo);
                default -> {
                    assertThat(cmd).contains(" " + repo + " ").contains(" " + r.get("context").asLong());
                    boolean quantizedRepo = quant.equals("awq") || quant.equals("gptq") || quant.equals("nvfp4");
                    if (quantizedRepo) {
                        assertThat(a.get("format").asText()).isEqualTo(quant);
                        assertThat(a.get("source").asText()).startsWith("registry: ");
                    }
                    if (quant.equals("fp8") && a.get("format").asText().equals("safetensors")) {
                        assertThat(cmd).contains("--quantization fp8");
                    }
                    assertThat(cmd).contains(engine.equals("vllm")
                            ? "--tensor-parallel-size " + r.get("tensor_parallel").asInt()
                            : "--tp-size " + r.get("tensor_parallel").asInt());
                }
            }
        }
    }

    static void selfConsistent(JsonNode est) {
        long devices = 0;
        for (JsonNode d : est.get("devices")) {
            devices += d.get("total_bytes").asLong();
        }
        assertThat(devices).as("devices add up to the total").isEqualTo(est.get("total_bytes").asLong());
        assertThat(est.get("placement").get("devices")).as("one split").isEqualTo(est.get("devices"));
        long parts = 0;
        for (JsonNode p : est.get("breakdown")) {
            parts += p.get("name").asText().equals("kv_cache_pool") || est.has("kv_bytes_per_token") ? 0
                    : p.get("bytes").asLong();
        }
        if (!est.has("kv_bytes_per_token")) {
            assertThat(parts).as("breakdown adds up").isEqualTo(est.get("total_bytes").asLong());
        }
    }

    static List<String> estimateArgs(Question q) {
        List<String> a = new ArrayList<>(List.of("estimate", "--model", q.model(), "--engine", q.engine(), "--quant",
                q.quant(), "--ctx", String.valueOf(q.ctx())));
        a.addAll(q.hardwareArgs());
        return a;
    }

    static Map<String, String> estimateParams(Question q) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("model", q.model());
        p.put("engine", q.engine());
        p.put("quant", q.quant());
        p.put("ctx", String.valueOf(q.ctx()));
        p.putAll(q.hardwareParams());
        return p;
    }

    static List<String> withHardware(List<String> args, Question q) {
        List<String> a = new ArrayList<>(args);
        a.addAll(q.hardwareArgs());
        return a;
    }

    static JsonNode find(JsonNode rows, String model) {
        for (JsonNode r : rows) {
            if (r.get("model").asText().equals(model)) {
                return r;
            }
        }
        return null;
    }

    static JsonNode cell(JsonNode calc, String quant, long ctx) {
        for (JsonNode r : calc.get("rows")) {
            if (r.get("quant").asText().equalsIgnoreCase(quant)) {
                for (JsonNode c : r.get("cells")) {
                    if (c.get("context").asLong() == ctx) {
                        return c;
                    }
                }
            }
        }
        return null;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
