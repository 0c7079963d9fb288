package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.core.catalog.CatalogModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FitCommandTest {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Map<String, CatalogModel> CATALOG = CatalogModels.bundled().stream()
            .collect(Collectors.toMap(CatalogModel::id, Function.identity()));

    static JsonNode fit(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("fit", "--json"));
        all.addAll(List.of(args));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isZero();
        return MAPPER.readTree(r.out());
    }

    @Test
    void everyResultHasTheContractFieldsAndFitsTheHardware() throws Exception {
        JsonNode j = fit("--gpu", "RTX 4090", "--ram", "64", "--limit", "15");
        assertThat(j).hasSizeBetween(5, 15);
        for (JsonNode r : j) {
            for (String f : List.of("model", "quant", "engine", "context", "total_bytes", "fit", "decode_tokens_per_s",
                    "command")) {
                assertThat(r.has(f)).as(f).isTrue();
            }
            assertThat(r.get("fit").asText()).isIn("full_gpu", "partial_offload");
            for (JsonNode d : r.get("device_bytes")) {
                assertThat(d.asLong()).as(r.get("model").asText()).isLessThanOrEqualTo(24L << 30);
            }
            assertThat(r.get("host_bytes").asLong()).isLessThanOrEqualTo(64L << 30);
            // A ranked plan loads a file the artifact registry lists, by the repo's own spelling of the quant.
            JsonNode a = r.get("artifact");
            assertThat(a.get("repo").isNull()).as(r.get("model").asText()).isFalse();
            assertThat(a.get("source").asText()).startsWith("registry: ");
            assertThat(new dev.runyard.core.catalog.ArtifactFile(a.get("tag").asText(), null, null, false, null)
                    .isQuant(r.get("quant").asText())).isTrue();
            assertThat(r.get("command").asText()).startsWith("llama-server -hf " + a.get("repo").asText() + ":"
                    + a.get("tag").asText());
        }
    }

    @Test
    void a24GbCardGetsModelsThatUseIt() throws Exception {
        JsonNode j = fit("--gpu", "RTX 4090", "--ram", "64", "--limit", "5");
        for (JsonNode r : j) {
            CatalogModel m = CATALOG.get(r.get("model").asText());
            // Plans that use the card: at least half of its 24 GB on the GPU (a 20-40B model at 4-5 bits, a smaller
            // one at 8-16 bits), or a larger MoE whose experts the plan puts in RAM.
            if (!r.get("fit").asText().equals("full_gpu")) {
                assertThat(m.arch().isMoe()).as(m.id() + " offloads: a MoE").isTrue();
                assertThat(r.get("placement").get("cpu_moe_layers").asInt()).isPositive();
                continue;
            }
            assertThat(r.get("device_bytes").get(0).asLong()).as(m.id() + " uses the card")
                    .isGreaterThanOrEqualTo(12L << 30);
            assertThat(m.paramsTotal()).as(m.id()).isLessThanOrEqualTo(40_000_000_000L);
            assertThat(r.get("fit").asText()).isEqualTo("full_gpu");
        }
    }

    @Test
    void eightH200sCanRunDeepSeekV4Pro() throws Exception {
        JsonNode j = fit("--gpu", "8x H200", "--ram", "2048", "--limit", "50");
        List<String> ids = new ArrayList<>();
        j.forEach(r -> ids.add(r.get("model").asText()));
        assertThat(ids).contains("deepseek-ai/DeepSeek-V4-Pro");
    }

    @Test
    void orderIsDeterministic() throws Exception {
        assertThat(fit("--gpu", "2x RTX 3090", "--ram", "128")).isEqualTo(fit("--gpu", "2x RTX 3090", "--ram", "128"));
    }

    @Test
    void runsOnThisMachine() throws Exception {
        JsonNode j = fit("--limit", "3");
        assertThat(j.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void minimumSpeedAndContextAreHonoured() throws Exception {
        JsonNode j = fit("--gpu", "RTX 4090", "--ram", "64", "--min-tps", "60", "--min-ctx", "65536");
        for (JsonNode r : j) {
            assertThat(r.get("decode_tokens_per_s").asDouble()).isGreaterThanOrEqualTo(60);
            assertThat(r.get("context").asLong()).isGreaterThanOrEqualTo(65536);
        }
    }

    @Test
    void theTableFitsOneHundredColumns() {
        CliRun r = CliRun.of("fit", "--gpu", "8x H200", "--ram", "2048", "--limit", "30", "--no-color");
        assertThat(r.exit()).as(r.err()).isZero();
        r.out().lines().filter(l -> !l.startsWith("  run the first:"))
                .forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void csvHasAHeaderAndOneRowPerModel() {
        CliRun r = CliRun.of("fit", "--csv", "--gpu", "RTX 3060 12GB", "--ram", "32", "--limit", "4");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(5);
        assertThat(r.out()).startsWith("rank,model,quant");
    }

    @Test
    void badInputIsOneLineWithTheRightExitCode() {
        assertThat(CliRun.of("fit", "--gpus", "0", "--gpu", "RTX 4090").exit()).isEqualTo(2);
        assertThat(CliRun.of("fit", "--json", "--csv").exit()).isEqualTo(2);
        assertThat(CliRun.of("fit", "--use-case", "dancing").exit()).isEqualTo(2);
        CliRun unknown = CliRun.of("fit", "--gpu", "RTX 9999 Hyper");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err().strip().lines()).hasSize(1);
    }

    @Test
    void ranksTheStoreWhenOneIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String db = dir.resolve("catalog.db").toString();
        JsonNode fromStore = fit("--gpu", "RTX 4090", "--ram", "64", "--limit", "5", "--db", db);
        JsonNode bundled = fit("--gpu", "RTX 4090", "--ram", "64", "--limit", "5");
        // The store holds the bundled catalog (plus whatever a sync added): same models, same order.
        assertThat(fromStore).isEqualTo(bundled);
    }

    @Test
    void kindsAndLicencesFilterAndExplainSaysWhy() throws Exception {
        for (JsonNode r : fit("--gpu", "RTX 4090", "--ram", "64", "--limit", "60")) {
            assertThat(CATALOG.get(r.get("model").asText()).kind().chatCapable()).as(r.get("model").asText()).isTrue();
        }
        JsonNode guards = fit("--gpu", "RTX 4090", "--ram", "64", "--kind", "guard", "--engine", "vllm", "--limit", "10");
        assertThat(guards).isNotEmpty();
        guards.forEach(r -> assertThat(CATALOG.get(r.get("model").asText()).kind())
                .isEqualTo(dev.runyard.core.catalog.ModelKind.GUARD));
        JsonNode commercial = fit("--gpu", "RTX 4090", "--ram", "64", "--license", "commercial", "--limit", "30");
        assertThat(commercial).isNotEmpty();
        commercial.forEach(r -> assertThat(CATALOG.get(r.get("model").asText()).licenseClass())
                .as(r.get("model").asText()).isEqualTo(dev.runyard.core.catalog.LicenseClass.PERMISSIVE));
        String explained = CliRun.of("fit", "--gpu", "RTX 4090", "--ram", "64", "--limit", "3", "--explain").out();
        assertThat(explained).contains("Why this order", "quality", "headroom").containsPattern("above the next row|ties");
        assertThat(CliRun.of("fit", "--kind", "toaster", "--gpu", "none", "--ram", "8").exit()).isEqualTo(2);
        assertThat(CliRun.of("estimate", "--model", "Qwen/Qwen3-4B", "--quant", "Q4_0", "--ctx", "4096", "--gpu", "none",
                "--ram", "16", "--as-llama-bench").out()).contains("pp512 |", "tg128 |", "| CPU ");
    }
}
