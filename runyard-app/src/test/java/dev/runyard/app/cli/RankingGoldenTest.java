package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The top 10 of {@code fit} on eight hardware tiers, with the reason each row beats the next, held in golden files
 * ({@code src/test/resources/golden/ranking/}). A change to the ranking shows up as a diff a reviewer reads; rerun
 * with {@code -Drunyard.golden.update=true} to accept it. Whatever the golden says, every row must be a plan with a
 * published artifact and an engine the sources do not rule out, and a data-centre tier must serve with vLLM.
 */
class RankingGoldenTest {
    static final Map<String, String> RAM = Map.of("RTX 4060 8GB", "32", "RTX 3060 12GB", "32", "RTX 4060 Ti 16GB",
            "64", "RTX 4090", "64", "2x RTX 3090", "128", "M3 Max 64GB", "64", "M2 Ultra 192GB", "192", "8x H200",
            "2048");

    @ParameterizedTest
    @ValueSource(strings = {"RTX 4060 8GB", "RTX 3060 12GB", "RTX 4060 Ti 16GB", "RTX 4090", "2x RTX 3090",
        "M3 Max 64GB", "M2 Ultra 192GB", "8x H200"})
    void topTenPerTier(String tier) throws IOException {
        List<CatalogModel> catalog = CatalogModels.bundled();
        Map<String, CatalogModel> byId = catalog.stream().collect(Collectors.toMap(CatalogModel::id, Function.identity()));
        var machine = MachineResolver.resolve(tier, null, Long.parseLong(RAM.get(tier)) << 30).machine();
        List<RankedResult> top = new Ranker().rank(catalog, machine, new RankOptions(
                dev.runyard.core.rank.UseCase.GENERAL, 0, 0, null, null, 10));
        assertThat(top).hasSize(10);
        StringBuilder sb = new StringBuilder("# fit --gpu \"" + tier + "\" --ram " + RAM.get(tier) + " --limit 10\n");
        for (int i = 0; i < top.size(); i++) {
            RankedResult r = top.get(i);
            CatalogModel m = byId.get(r.model());
            assertThat(r.plan().artifact().known()).as(r.model() + " loads published weights").isTrue();
            assertThat(m.engines().get(r.engine())).as(r.model() + " on " + r.engine()).isNotEqualTo(Boolean.FALSE);
            assertThat(m.kind().chatCapable()).as(r.model() + " is a chat model").isTrue();
            if (tier.equals("8x H200")) {
                assertThat(r.engine()).as("a data-centre node serves with vLLM").isEqualTo("vllm");
            }
            assertThat(stepsBelowWhatFits(m, r, machine)).as(r.model() + " " + r.quant() + ": published quants of it"
                    + " that fit as well, at a usable speed, and are better by more than one step").isLessThanOrEqualTo(1);
            sb.append(String.format(Locale.ROOT, "%2d %s | %s | %s | %d | %s | %.1f tok/s | score %.2f | %s%n", i + 1,
                    r.model(), r.quant(), r.engine(), r.context(), r.fit().key(), r.decodeTokensPerS(), r.score(),
                    i + 1 < top.size() ? FitExplain.why(r, top.get(i + 1)) : "last shown"));
        }
        Path golden = goldenDir().resolve(tier.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".txt");
        if (Boolean.getBoolean("runyard.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sb.toString(), StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file; create it with -Drunyard.golden.update=true").exists();
        assertThat(sb.toString()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void theStepCheckCatchesAQuantFarBelowWhatFits() {
        List<CatalogModel> catalog = CatalogModels.bundled();
        CatalogModel m = catalog.stream().filter(x -> x.id().equals("Qwen/Qwen3-8B")).findFirst().orElseThrow();
        var machine = MachineResolver.resolve("RTX 4090", null, 64L << 30).machine();
        var engine = dev.runyard.core.estimate.Engine.LLAMA_CPP;
        List<dev.runyard.core.quant.Quant> ladder = new ArrayList<>(dev.runyard.core.rank.Candidates.quants(m, engine,
                machine));
        ladder.sort(java.util.Comparator.comparingDouble(q -> dev.runyard.core.quant.QuantQuality.loss(q)));
        assertThat(ladder.size()).as("Qwen3-8B has a ladder of published GGUF quants").isGreaterThanOrEqualTo(4);
        var worst = ladder.get(ladder.size() - 1);
        RankedResult low = new Ranker().variants(m, machine, new RankOptions(dev.runyard.core.rank.UseCase.GENERAL, 0, 0,
                engine, null, 10), dev.runyard.core.rank.QualityModel.over(catalog), worst, 32768).get(0);
        // An 8B model fits a 24 GB card at Q8_0: its lowest published quant is several steps below what fits.
        assertThat(stepsBelowWhatFits(m, low, machine)).isGreaterThanOrEqualTo(2);
    }

    /**
     * How many steps (in the model's own ladder of published quants, best first) the shown quant is below the best
     * one that the memory holds for the same engine: placed at least as well (GPU, offload, CPU), at the shown
     * context (up to 32K), and at least as fast as reading needs (20 tok/s, or the shown speed if lower).
     */
    static int stepsBelowWhatFits(CatalogModel m, RankedResult r, dev.runyard.core.plan.Machine machine) {
        var engine = dev.runyard.core.estimate.Engine.parse(r.engine());
        List<dev.runyard.core.quant.Quant> ladder = new ArrayList<>(dev.runyard.core.rank.Candidates.quants(m, engine,
                machine));
        ladder.sort(java.util.Comparator.comparingDouble(q -> dev.runyard.core.quant.QuantQuality.loss(q)));
        int shown = -1;
        int best = -1;
        var planner = new dev.runyard.core.plan.Planner();
        for (int i = 0; i < ladder.size(); i++) {
            if (ladder.get(i).name().equals(r.plan().quant().name())) {
                shown = i;
            }
            if (best < 0) {
                var p = planner.plan(m, machine, dev.runyard.core.plan.PlanRequest.of(engine, ladder.get(i),
                        Math.min(r.context(), 32768)));
                if (p.fits() && p.fit().ordinal() <= r.fit().ordinal()
                        && p.decodeTokensPerS() >= Math.min(20, r.decodeTokensPerS())) {
                    best = i;
                }
            }
        }
        return shown < 0 || best < 0 ? 0 : shown - best;
    }

    static Path goldenDir() {
        String root = System.getProperty("runyard.repo.root", "..");
        Path p = Path.of(root, "runyard-app", "src", "test", "resources", "golden", "ranking");
        return Files.isDirectory(p.getParent()) ? p : Path.of("src", "test", "resources", "golden", "ranking");
    }
}
