package dev.runyard.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.catalog.BundledCatalogSource;
import dev.runyard.app.web.MemoryRigStore;
import dev.runyard.app.web.Rig;
import dev.runyard.app.web.WebApp;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas in {@code docs/schema} (read from the repository, never copied) checked by a maintained validator
 * (networknt json-schema-validator, draft 2020-12) against REAL outputs: the CLI's {@code --json} run in-process and
 * the JSON API of a server on a free loopback port, for a single 24 GB GPU with RAM, 2x H100 with vLLM/SGLang,
 * an M3 Max with MLX, a CPU-only machine and requirements without hardware. The schemas themselves are checked too
 * (meta-schema, every {@code $ref} resolves, every field described, units in the names match the types), and broken
 * documents must be rejected, so no check here can pass vacuously.
 */
class SchemaTest {
    static final String BASE = "https://runyard.invalid/schema/";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIR = repoRoot().resolve("docs/schema");

    static final String GPU24 = "RTX 4090";
    static final String H100X2 = "2x H100";
    static final String M3 = "M3 Max 64GB";

    /** Schema file name → its text, keyed again by $id for the validator. */
    static final Map<String, String> TEXTS = new TreeMap<>();
    static final Map<String, JsonNode> TREES = new TreeMap<>();
    static SchemaRegistry registry;
    static Javalin app;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** CLI outputs by arguments: fit ranks the whole catalog, so each is asked once. */
    static final Map<List<String>, String> CLI = new ConcurrentHashMap<>();

    @TempDir
    static Path tmp;

    static Path repoRoot() {
        String root = System.getProperty("runyard.repo.root");
        Path p = root == null || root.isBlank() ? Path.of("..") : Path.of(root);
        return Files.isDirectory(p.resolve("docs/schema")) ? p : Path.of("..");
    }

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).sorted().toList()) {
                String text = Files.readString(f);
                TEXTS.put(f.getFileName().toString(), text);
                TREES.put(f.getFileName().toString(), JSON.readTree(text));
            }
        }
        Map<String, String> byId = new LinkedHashMap<>();
        TEXTS.forEach((name, text) -> byId.put(BASE + name, text));
        // Every schema is served from the map; nothing is ever fetched (the $id host is the reserved .invalid).
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(byId).schemaLoader(l -> l.fetchRemoteResources(false)));
        MemoryRigStore rigs = new MemoryRigStore();
        rigs.save(new Rig("desk", GPU24, 64.0));
        rigs.save(new Rig("laptop", null, null));
        // "This machine" of the server is fixed, as in the other web tests: no probing.
        app = WebApp.create(new WebApp.Deps(new BundledCatalogSource(), rigs, (gpu, gpus, ram) ->
                MachineResolver.resolve(gpu == null ? GPU24 : gpu, gpus, ram == null ? 64L << 30 : ram)));
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
    }

    // ---- the real outputs -------------------------------------------------------------------------------------

    /** CLI cases: the schema and the arguments ({@code --json} is added). */
    static Stream<Arguments> cli() {
        String db = tmp.resolve("runyard.db").toString();
        return Stream.of(
                // fit: one call per hardware case (each ranks the whole catalog)
                Arguments.of("fit.schema.json", List.of("fit", "--gpu", GPU24, "--ram", "64", "--limit", "8")),
                Arguments.of("fit.schema.json", List.of("fit", "--gpu", H100X2, "--ram", "256", "--engine", "vllm", "--limit", "5")),
                Arguments.of("fit.schema.json", List.of("fit", "--gpu", M3, "--engine", "mlx", "--limit", "5")),
                Arguments.of("fit.schema.json", List.of("fit", "--gpu", "none", "--ram", "64", "--limit", "5")),
                Arguments.of("run.schema.json", List.of("run", "Qwen/Qwen3-8B", "--engine", "llama.cpp", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("plan.schema.json", List.of("run", "Qwen/Qwen3-8B", "--engine", "llama.cpp", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("run.schema.json", List.of("run", "Qwen/Qwen3-32B", "--engine", "vllm", "--gpu", H100X2, "--ram", "256")),
                Arguments.of("run.schema.json", List.of("run", "Qwen/Qwen3-8B", "--engine", "sglang", "--gpu", H100X2, "--ram", "256")),
                Arguments.of("run.schema.json", List.of("run", "meta-llama/Llama-3.1-8B-Instruct", "--engine", "mlx", "--gpu", M3)),
                Arguments.of("run.schema.json", List.of("run", "Qwen/Qwen3-8B", "--engine", "ollama", "--gpu", "none", "--ram", "64")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--ctx", "8192", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--quant", "Q4_K_M", "--ctx", "32768", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-32B", "--quant", "fp8", "--ctx", "32768", "--engine", "vllm", "--gpu", H100X2, "--ram", "256")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-32B", "--quant", "bf16", "--engine", "sglang", "--gpu", H100X2, "--ram", "256", "--tp", "2")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "meta-llama/Llama-3.1-70B-Instruct", "--quant", "bf16", "--engine", "vllm", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "mlx-4bit", "--ctx", "8192", "--engine", "mlx", "--gpu", M3)),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--gpu", "none", "--ram", "64")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-32B", "--quant", "Q4_K_M", "--gpu", "none", "--ram", "64", "--draft", "Qwen/Qwen3-0.6B")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "Q4_K_M", "--gpus", "1")),
                Arguments.of("estimate.schema.json", List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "fp8", "--engine", "vllm", "--gpus", "2")),
                Arguments.of("calc.schema.json", List.of("calc", "Qwen/Qwen3-8B", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("calc.schema.json", List.of("calc", "openai/gpt-oss-20b", "--gpu", M3)),
                Arguments.of("calc.schema.json", List.of("calc", "Qwen/Qwen3-8B", "--gpu", "none", "--ram", "64")),
                Arguments.of("how-many.schema.json", List.of("calc", "Qwen/Qwen3-32B", "--how-many", "H100")),
                Arguments.of("how-many.schema.json", List.of("calc", "Qwen/Qwen3-8B", "--how-many", "M3 Max", "--ctx", "8192")),
                Arguments.of("compare.schema.json", List.of("compare", "Qwen/Qwen3-8B", "meta-llama/Llama-3.1-8B-Instruct", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("compare.schema.json", List.of("compare", "Qwen/Qwen3-8B", "deepseek-ai/DeepSeek-V4-Flash", "--gpu", "none", "--ram", "16")),
                Arguments.of("radar.schema.json", List.of("radar", "--db", db, "--since", "2026-03-01", "--gpu", GPU24, "--ram", "64")),
                Arguments.of("radar.schema.json", List.of("radar", "--db", db, "--since", "2026-03-01", "--gpu-memory-gib", "24")),
                Arguments.of("models.schema.json", List.of("models", "--db", db)),
                Arguments.of("hardware.schema.json", List.of("hardware")),
                Arguments.of("hardware.schema.json", List.of("hardware", "--gpu", M3)),
                Arguments.of("hardware.schema.json", List.of("hardware", "--gpu", H100X2, "--ram", "256")),
                Arguments.of("hardware.schema.json", List.of("hardware", "--gpu", "none", "--ram", "64")));
    }

    /** API cases: the schema, the path and its query parameters; each must answer 200. */
    static Stream<Arguments> api() {
        return Stream.of(
                Arguments.of("rank.schema.json", "/api/v1/rank", Map.of("gpu", GPU24, "ram", "64", "limit", "8")),
                Arguments.of("rank.schema.json", "/api/v1/rank", Map.of("gpu", H100X2, "ram", "256", "engine", "vllm", "use_case", "coding", "limit", "5")),
                Arguments.of("rank.schema.json", "/api/v1/rank", Map.of("gpu", M3, "engine", "mlx", "limit", "5")),
                Arguments.of("rank.schema.json", "/api/v1/rank", Map.of("gpu", "none", "ram", "64", "limit", "5")),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B", "quant", "Q4_K_M", "ctx", "8K", "gpu", GPU24, "ram", "64")),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-32B", "quant", "fp8", "ctx", "32K", "engine", "vllm", "gpu", H100X2)),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B", "quant", "mlx-4bit", "engine", "mlx", "gpu", M3)),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B", "quant", "Q4_K_M", "gpu", "none", "ram", "64")),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B", "quant", "Q4_K_M", "gpus", "1")),
                Arguments.of("estimate.schema.json", "/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B", "quant", "fp8", "engine", "sglang", "gpus", "2")),
                Arguments.of("calc.schema.json", "/api/v1/models/Qwen/Qwen3-8B/calc", Map.of("gpu", GPU24, "ram", "64")),
                Arguments.of("calc.schema.json", "/api/v1/models/Qwen/Qwen3-8B/calc", Map.of("gpu", "none", "ram", "64")),
                Arguments.of("calc.schema.json", "/api/v1/models/Qwen/Qwen3-8B/calc", Map.of()),
                Arguments.of("calc.schema.json", "/api/v1/models/Qwen/Qwen3-8B/calc", Map.of("rig", "desk")),
                Arguments.of("api-models.schema.json", "/api/v1/models", Map.of()),
                Arguments.of("api-models.schema.json", "/api/v1/models", Map.of("family", "qwen3", "limit", "3", "offset", "1")),
                Arguments.of("model.schema.json", "/api/v1/models/Qwen/Qwen3-8B", Map.of()),
                Arguments.of("model.schema.json", "/api/v1/models/deepseek-ai/DeepSeek-V4-Flash", Map.of()),
                Arguments.of("model.schema.json", "/api/v1/models/mistralai/Mistral-Medium-3.5-128B", Map.of()),
                Arguments.of("gpus.schema.json", "/api/v1/gpus", Map.of()),
                Arguments.of("hardware-resolve.schema.json", "/api/v1/hardware/resolve", Map.of("q", "2x RTX 3090")),
                Arguments.of("hardware-resolve.schema.json", "/api/v1/hardware/resolve", Map.of("q", "RTX 4090 + RTX 3090")),
                Arguments.of("hardware-resolve.schema.json", "/api/v1/hardware/resolve", Map.of("q", M3)),
                Arguments.of("api-radar.schema.json", "/api/v1/radar", Map.of("limit", "20")),
                Arguments.of("api-radar.schema.json", "/api/v1/radar", Map.of("gpu", GPU24, "ram", "64", "limit", "20")),
                Arguments.of("rigs.schema.json", "/api/v1/rigs", Map.of()));
    }

    /** Errors: the path, its parameters and the status; every one must be the error document. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("/api/v1/models/nobody/nothing", Map.of(), 404),
                Arguments.of("/api/v1/rank", Map.of("ram", "lots"), 400),
                Arguments.of("/api/v1/rank", Map.of("gpu", "Voodoo 5"), 404),
                Arguments.of("/api/v1/estimate", Map.of("model", "Qwen/Qwen3-8B"), 400),
                Arguments.of("/api/v1/models/mistralai/Mistral-Medium-3.5-128B/calc", Map.of(), 404),
                Arguments.of("/api/v1/no-such-route", Map.of(), 404),
                Arguments.of("/api/v1/rank", Map.of("x", "y".repeat(501)), 400));
    }

    @ParameterizedTest(name = "[{index}] {0} ← runyard {1}")
    @MethodSource("cli")
    void cliJsonMatchesItsSchema(String schema, List<String> args) throws IOException {
        String out = cli(args);
        assertValid(schema, out, "runyard " + String.join(" ", args) + " --json");
        assertNotEmpty(schema, JSON.readTree(out), "runyard " + args);
    }

    @ParameterizedTest(name = "[{index}] {0} ← GET {1} {2}")
    @MethodSource("api")
    void apiJsonMatchesItsSchema(String schema, String path, Map<String, String> params) throws IOException {
        HttpResponse<String> r = get(path, params);
        assertThat(r.statusCode()).as("%s %s: %s", path, params, r.body()).isEqualTo(200);
        assertValid(schema, r.body(), "GET " + path + " " + params);
        assertNotEmpty(schema, JSON.readTree(r.body()), path);
    }

    @ParameterizedTest(name = "[{index}] error.schema.json ← GET {0} {1} ({2})")
    @MethodSource("errors")
    void apiErrorsMatchTheErrorSchema(String path, Map<String, String> params, int status) {
        HttpResponse<String> r = get(path, params);
        assertThat(r.statusCode()).as("%s %s: %s", path, params, r.body()).isEqualTo(status);
        assertValid("error.schema.json", r.body(), "GET " + path + " (" + status + ")");
    }

    /** The cases reach into what they should: rows of every fit level, both estimate shapes, radar's plans. */
    @Test
    void theCasesCoverTheInterestingBranches() throws IOException {
        Set<String> fits = new TreeSet<>();
        Set<String> engines = new TreeSet<>();
        for (Arguments a : cli().toList()) {
            JsonNode out = JSON.readTree(cli(cast(a.get()[1])));
            if (a.get()[0].equals("fit.schema.json")) {
                out.forEach(row -> {
                    fits.add(row.path("fit").asText());
                    engines.add(row.path("engine").asText());
                });
            } else if (a.get()[0].equals("estimate.schema.json")) {
                fits.add(out.path("fit").asText("none"));
                engines.add(out.path("engine").asText());
            }
        }
        assertThat(fits).contains("full_gpu", "partial_offload", "cpu_only", "does_not_fit", "none");
        assertThat(engines).contains("llama.cpp", "vllm", "sglang", "mlx");
        String db = tmp.resolve("runyard.db").toString();
        JsonNode radar = JSON.readTree(cli(List.of("radar", "--db", db, "--since", "2026-03-01", "--gpu", GPU24, "--ram", "64")));
        Set<String> radarFits = new TreeSet<>();
        radar.forEach(r -> radarFits.add(r.path("fit").asText() + (r.path("best_variant").isObject() ? "+plan" : "")));
        assertThat(radarFits).contains("fits+plan", "unknown");
        JsonNode draft = JSON.readTree(cli(List.of("estimate", "--model", "Qwen/Qwen3-32B", "--quant", "Q4_K_M",
                "--gpu", "none", "--ram", "64", "--draft", "Qwen/Qwen3-0.6B")));
        assertThat(draft.path("devices").findValuesAsText("name")).contains("CPU", "draft");
    }

    /** Every schema file is used by a case above, so none is left unchecked. */
    @Test
    void everySchemaIsExercised() {
        Set<String> used = new TreeSet<>();
        cli().forEach(a -> used.add((String) a.get()[0]));
        api().forEach(a -> used.add((String) a.get()[0]));
        used.add("error.schema.json");
        Set<String> all = new TreeSet<>(TEXTS.keySet());
        all.remove("common.schema.json"); // definitions only, reached through the others' $refs
        all.remove("catalog-entry.schema.json"); // the data files' entries, not an output: CatalogSchemaTest
        assertThat(used).containsExactlyInAnyOrderElementsOf(all);
    }

    // ---- the schemas themselves -------------------------------------------------------------------------------

    @Test
    void everySchemaIsValidDraft202012WithItsOwnId() {
        assertThat(TEXTS).hasSizeGreaterThanOrEqualTo(15);
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        TREES.forEach((name, tree) -> {
            assertThat(tree.path("$schema").asText()).as(name).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(tree.path("$id").asText()).as(name).isEqualTo(BASE + name);
            List<Error> errors = meta.validate(TEXTS.get(name), InputFormat.JSON);
            assertThat(errors).as("%s against the 2020-12 meta-schema", name).isEmpty();
        });
    }

    @Test
    void everyRefResolvesToAnExistingSchemaNode() {
        TREES.forEach((name, tree) -> walk(tree, "", (node, at) -> {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                assertThat(resolve(name, ref.asText())).as("%s%s $ref %s", name, at, ref.asText()).isNotNull();
            }
        }));
    }

    /**
     * Every field says what it is: a description of its own or through its $ref. And the names keep their promise:
     * a *_bytes field is an integer, a *_tokens_per_s field a number (null allowed where documented).
     */
    @Test
    void everyFieldIsDescribedAndUnitsMatchTypes() {
        List<String> problems = new ArrayList<>();
        TREES.forEach((name, tree) -> walk(tree, "", (node, at) -> {
            JsonNode props = node.get("properties");
            if (props == null || !props.isObject() || at.matches(".*/(if|then|else|not|oneOf)(/.*)?")) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode s = p.getValue();
                if (s.isBoolean()) {
                    continue;
                }
                String where = name + at + "/properties/" + p.getKey();
                if (description(name, s) == null) {
                    problems.add(where + ": no description");
                }
                Set<String> types = types(name, s);
                if (types.equals(Set.of("array"))) {
                    types = types(name, items(name, s)); // device_bytes: a list of byte counts
                }
                if (p.getKey().endsWith("_bytes") && !(types.contains("integer") && Set.of("integer", "null").containsAll(types))) {
                    problems.add(where + ": a *_bytes field must be an integer, is " + types);
                }
                if (p.getKey().endsWith("_tokens_per_s") && !(types.contains("number") && Set.of("number", "null").containsAll(types))) {
                    problems.add(where + ": a *_tokens_per_s field must be a number, is " + types);
                }
            }
        }));
        assertThat(problems).isEmpty();
    }

    // ---- the validator really rejects ---------------------------------------------------------------------------

    @Test
    void brokenDocumentsAreRejectedWithTheValidatorsMessages() throws IOException {
        String real = cli(List.of("run", "Qwen/Qwen3-8B", "--engine", "llama.cpp", "--gpu", GPU24, "--ram", "64"));
        assertThat(errors("plan.schema.json", real)).isEmpty();

        ObjectNode bytesAsText = (ObjectNode) JSON.readTree(real);
        bytesAsText.put("total_bytes", bytesAsText.path("total_bytes").asText());
        assertThat(messages("plan.schema.json", bytesAsText)).anySatisfy(m -> assertThat(m).contains("total_bytes").contains("integer"));

        ObjectNode noFit = (ObjectNode) JSON.readTree(real);
        noFit.remove("fit");
        assertThat(messages("plan.schema.json", noFit)).anySatisfy(m -> assertThat(m).contains("fit"));

        ObjectNode badFit = (ObjectNode) JSON.readTree(real);
        badFit.put("fit", "fits");
        assertThat(messages("plan.schema.json", badFit)).anySatisfy(m -> assertThat(m).contains("fit"));

        ObjectNode unknownKey = (ObjectNode) JSON.readTree(real);
        unknownKey.put("vram_gb", 24);
        assertThat(messages("plan.schema.json", unknownKey)).anySatisfy(m -> assertThat(m).contains("vram_gb"));

        ObjectNode badEngine = (ObjectNode) JSON.readTree(real);
        badEngine.put("engine", "tgi");
        assertThat(messages("plan.schema.json", badEngine)).anySatisfy(m -> assertThat(m).contains("engine"));

        ObjectNode badDevice = (ObjectNode) JSON.readTree(real);
        ((ObjectNode) badDevice.path("placement").path("devices").get(0)).put("total_bytes", 1.5);
        assertThat(messages("plan.schema.json", badDevice)).anySatisfy(m -> assertThat(m).contains("total_bytes"));

        // run never adds a use case; fit always does
        ObjectNode withUseCase = (ObjectNode) JSON.readTree(real);
        withUseCase.put("use_case", "general");
        assertThat(errors("run.schema.json", JSON.writeValueAsString(withUseCase))).isNotEmpty();
        ArrayNode fitRows = JSON.createArrayNode().add(JSON.readTree(real));
        assertThat(messages("fit.schema.json", fitRows)).anySatisfy(m -> assertThat(m).contains("use_case"));

        // vLLM estimates must carry their per-GPU fields; llama.cpp ones must not
        ObjectNode vllm = (ObjectNode) JSON.readTree(cli(List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant", "fp8",
                "--engine", "vllm", "--gpus", "2")));
        assertThat(errors("estimate.schema.json", JSON.writeValueAsString(vllm))).isEmpty();
        vllm.remove("per_gpu_total_bytes");
        assertThat(messages("estimate.schema.json", vllm)).anySatisfy(m -> assertThat(m).contains("per_gpu_total_bytes"));
        ObjectNode llama = (ObjectNode) JSON.readTree(cli(List.of("estimate", "--model", "Qwen/Qwen3-8B", "--quant",
                "Q4_K_M", "--gpus", "1")));
        llama.put("kv_capacity_tokens", 4096);
        assertThat(errors("estimate.schema.json", JSON.writeValueAsString(llama))).isNotEmpty();
        // without a machine there is no fit
        ObjectNode fitWithoutMachine = (ObjectNode) JSON.readTree(cli(List.of("estimate", "--model", "Qwen/Qwen3-8B",
                "--quant", "Q4_K_M", "--gpus", "1")));
        fitWithoutMachine.put("fit", "full_gpu");
        assertThat(errors("estimate.schema.json", JSON.writeValueAsString(fitWithoutMachine))).isNotEmpty();

        assertThat(errors("error.schema.json", "{\"error\":\"x\",\"detail\":\"y\",\"trace\":\"at …\"}")).isNotEmpty();

        // and a broken schema is caught by the meta-schema check
        Schema meta = registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate("{\"type\": \"intger\", \"required\": \"fit\"}", InputFormat.JSON)).hasSizeGreaterThanOrEqualTo(2);
        assertThat(errors("error.schema.json", "{\"error\":\"x\"}")).isNotEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String cli(List<String> args) {
        return CLI.computeIfAbsent(args, dev.runyard.app.testing.Cli::json);
    }

    static HttpResponse<String> get(String path, Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path + q)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<Error> errors(String schema, String json) {
        return registry.getSchema(SchemaLocation.of(BASE + schema)).validate(json, InputFormat.JSON);
    }

    static List<String> messages(String schema, JsonNode doc) throws IOException {
        List<String> m = errors(schema, JSON.writeValueAsString(doc)).stream().map(Error::toString).toList();
        assertThat(m).as("a broken document must be rejected by %s", schema).isNotEmpty();
        return m;
    }

    /** Fails with the validator's own messages (the first 25), naming the output that broke the schema. */
    static void assertValid(String schema, String json, String what) {
        List<Error> errors = errors(schema, json);
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder(what + " does not match docs/schema/" + schema + " (" + errors.size()
                    + " errors):");
            errors.stream().limit(25).forEach(e -> sb.append("\n  ").append(e));
            throw new AssertionError(sb.toString());
        }
    }

    /** The lists whose rows the schemas describe; an empty one would match vacuously. */
    static final List<String> LISTS = List.of("results", "models", "releases", "rows", "least_gpus", "rigs", "parts");

    static void assertNotEmpty(String schema, JsonNode doc, String what) {
        JsonNode list = doc.isArray() ? doc : schema.equals("gpus.schema.json") ? doc.get("gpus")
                : LISTS.stream().filter(doc::has).map(doc::get).findFirst().orElse(null);
        if (list != null) {
            assertThat(list.size()).as("%s lists something", what).isPositive();
        }
        assertThat(doc.size()).as(what).isPositive();
    }

    @SuppressWarnings("unchecked")
    static List<String> cast(Object o) {
        return (List<String>) o;
    }

    interface Visitor {
        void visit(JsonNode node, String at);
    }

    static void walk(JsonNode node, String at, Visitor v) {
        if (node.isObject()) {
            v.visit(node, at);
            node.fields().forEachRemaining(e -> walk(e.getValue(), at + "/" + e.getKey(), v));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, v);
            }
        }
    }

    /** The node a $ref names, relative to schema file {@code from}; null when it does not exist. */
    static JsonNode resolve(String from, String ref) {
        int hash = ref.indexOf('#');
        String file = hash < 0 ? ref : ref.substring(0, hash);
        String pointer = hash < 0 ? "" : ref.substring(hash + 1);
        if (file.startsWith(BASE)) {
            file = file.substring(BASE.length());
        }
        JsonNode doc = TREES.get(file.isEmpty() ? from : file);
        if (doc == null) {
            return null;
        }
        JsonNode target = pointer.isEmpty() ? doc : doc.at(pointer);
        return target.isMissingNode() ? null : target;
    }

    static String fileOf(String from, String ref) {
        String file = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        return file.isEmpty() ? from : file.startsWith(BASE) ? file.substring(BASE.length()) : file;
    }

    static String description(String file, JsonNode s) {
        JsonNode d = follow(file, s, "description");
        return d == null || d.isNull() ? null : d.asText();
    }

    /** The items schema of an array property, through $ref. */
    static JsonNode items(String file, JsonNode s) {
        return follow(file, s, "items");
    }

    /** The first schema along a $ref chain that has {@code key}, or null. */
    static JsonNode follow(String file, JsonNode s, String key) {
        for (int depth = 0; s != null && depth < 10; depth++) {
            if (s.has(key)) {
                return s.get(key);
            }
            if (!s.has("$ref")) {
                return null;
            }
            String ref = s.get("$ref").asText();
            JsonNode next = resolve(file, ref);
            file = fileOf(file, ref);
            s = next;
        }
        return null;
    }

    /** The JSON types a property schema allows, through $ref and anyOf/oneOf. */
    static Set<String> types(String file, JsonNode s) {
        Set<String> out = new LinkedHashSet<>();
        if (s == null) {
            return out;
        }
        JsonNode t = s.get("type");
        if (t != null) {
            if (t.isArray()) {
                t.forEach(x -> out.add(x.asText()));
            } else {
                out.add(t.asText());
            }
        }
        if (s.has("$ref")) {
            String ref = s.get("$ref").asText();
            out.addAll(types(fileOf(file, ref), resolve(file, ref)));
        }
        for (String k : List.of("anyOf", "oneOf")) {
            if (s.has(k)) {
                String f = file;
                s.get(k).forEach(x -> out.addAll(types(f, x)));
            }
        }
        return out;
    }
}
