package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.estimate.Engine;
import dev.runyard.core.plan.RunPlan;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.UseCase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every command Runyard would print, over the whole catalog × every engine × eight hardware tiers (8 GB to 8× H200):
 * (a) the repository it names is the publisher's or one the artifact registry lists, and a GGUF one is listed as
 * holding the very file; (b) every option parses against that engine's option list of a named version (vendored in
 * test resources under engine-args/ with source and version); (c) the plan it came from fits. The engine is never one
 * the sources say cannot run the model.
 */
class EngineCommandValidityTest {
    static final List<String> TIERS = List.of("RTX 4060 8GB", "RTX 3060 12GB", "RTX 4060 Ti 16GB", "RTX 4090",
            "2x RTX 3090", "M3 Max 64GB", "M2 Ultra 192GB", "8x H200");

    @Test
    void everyPrintedCommandIsValid() throws IOException {
        Set<String> llamaServer = options("llama-server.txt");
        EngineArgs args = EngineArgs.vendored();
        List<CatalogModel> catalog = CatalogModels.bundled();
        QualityModel qm = QualityModel.over(catalog);
        Ranker ranker = new Ranker();
        int questions = 0;
        int commands = 0;
        int refusals = 0;
        List<String> bad = new ArrayList<>();
        for (String tier : TIERS) {
            var machine = MachineResolver.resolve(tier, null, 256L << 30).machine();
            for (CatalogModel m : catalog) {
                if (m.arch() == null) {
                    continue;
                }
                for (Engine e : Engine.values()) {
                    questions++;
                    List<RankedResult> v = ranker.variants(m, machine, new RankOptions(UseCase.GENERAL, 0, 0, e, null, 1),
                            qm, null, 0);
                    if (v.isEmpty()) {
                        refusals++;
                        continue;
                    }
                    RunPlan p = v.get(0).plan();
                    String where = tier + " " + m.id() + " " + e.key() + ": ";
                    if (!p.fits()) {
                        bad.add(where + "plan does not fit");
                    }
                    if (Boolean.FALSE.equals(m.engines().get(e.key()))) {
                        bad.add(where + "engine marked unsupported");
                    }
                    if (!p.command().runnable()) {
                        refusals++;
                        continue;
                    }
                    commands++;
                    bad.addAll(registryProblems(where, m, p));
                    if (e == Engine.LLAMA_CPP) {
                        for (String token : p.command().text().split("\\s+")) {
                            if (token.startsWith("-") && !token.matches("-?\\d.*") && !llamaServer.contains(token)) {
                                bad.add(where + "llama-server has no option " + token);
                            }
                        }
                    } else {
                        args.problems(e, p.command().text()).forEach(x -> bad.add(where + x));
                    }
                }
            }
        }
        System.out.printf("command validity: %d questions (%d tiers x %d models x %d engines), %d commands, %d refusals"
                + " or comments, %d invalid%n", questions, TIERS.size(), questions / TIERS.size() / Engine.values().length,
                Engine.values().length, commands, refusals, bad.size());
        assertThat(commands).isPositive();
        assertThat(bad).as("invalid commands").isEmpty();
    }

    /** (a): the repo is the publisher's own, or a registry repo of the model that is listed to hold the file. */
    static List<String> registryProblems(String where, CatalogModel m, RunPlan p) {
        String repo = p.artifact().repo();
        if (repo == null) {
            return p.artifact().file() != null ? List.of() : List.of(where + "runnable command without an artifact");
        }
        if (repo.equals(m.id()) && "publisher".equals(p.artifact().source())) {
            return List.of();
        }
        var listed = m.artifacts().stream().filter(a -> a.repo().equals(repo)).findFirst();
        if (listed.isEmpty()) {
            return List.of(where + "repository " + repo + " is not in the registry");
        }
        if (p.engine().usesGguf()) {
            var f = p.artifact().registryFile();
            if (f == null || !listed.get().listed() || listed.get().file(f.quant()).isEmpty()
                    || !f.isQuant(p.quant().name())) {
                return List.of(where + repo + " is not listed as holding " + p.quant().name());
            }
            if (!p.command().text().contains(repo + ":" + f.quant())) {
                return List.of(where + "command does not load " + repo + ":" + f.quant());
            }
        }
        return List.of();
    }

    static Set<String> options(String file) throws IOException {
        Set<String> out = new HashSet<>();
        try (var in = EngineCommandValidityTest.class.getResourceAsStream("/engine-args/" + file)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.addAll(List.of(line.trim().split("\\s+")));
                }
            }
        }
        return out;
    }
}
