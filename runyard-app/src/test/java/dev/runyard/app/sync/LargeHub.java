package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.bundled.BundledCatalog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A Hub of 122 changed repos, seeded, for the fault suite: 61 models (distills among them) of five tracked
 * organisations, 60 quantized repos (GGUF of four quantizers, AWQ and FP8 copies, some of bundled models) and one
 * bundled model touched again. Timestamps come from a dozen values, so many repos share one; a third of the
 * quantized repos are older than their base; at {@link #PAGE} repos a page, Qwen's listing runs to five pages.
 */
final class LargeHub {
    static final int PAGE = 10;
    static final int MODELS = 61;
    static final int VARIANTS = 60;
    static final int REPOS = MODELS + VARIANTS + 1;
    private static final Instant START = Instant.parse("2030-02-01T00:00:00Z");

    private LargeHub() {
    }

    static void install(FakeHub hub, long seed) {
        Random rnd = new Random(seed);
        JsonNode config = BundledCatalog.require(HubScenario.BUNDLED).config();
        hub.repo("Qwen", HubScenario.BUNDLED, at(rnd));
        List<String> models = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String[][] orgs = {{"Qwen", "30"}, {"deepseek-ai", "10"}, {"google", "8"}, {"meta-llama", "7"}, {"mistralai", "6"}};
        for (String[] org : orgs) {
            for (int i = 0; i < Integer.parseInt(org[1]); i++) {
                boolean distill = org[0].equals("deepseek-ai") && i % 2 == 0;
                String id = org[0] + "/" + (distill ? "R9-Distill-Fault-Qwen-" + i : "Fault-" + org[0] + "-" + i);
                String lm = at(rnd);
                ObjectNode d = hub.repo(org[0], id, lm);
                d.put("pipeline_tag", "text-generation");
                d.putObject("safetensors").put("total", 7_000_000_000L + i);
                ((ObjectNode) d.get("cardData")).put("license", "apache-2.0");
                if (distill) {
                    ((ObjectNode) d.get("cardData")).put("base_model", "Qwen/Fault-Qwen-" + i);
                }
                hub.configs.put(id, config);
                models.add(id);
                times.add(lm);
            }
        }
        // Quantizers and formats, each over a run of the models (in order), and copies of bundled models.
        int v = 0;
        v += quantized(hub, rnd, "bartowski", "GGUF", models.subList(0, 20), times, 0);
        v += quantized(hub, rnd, "unsloth", "GGUF", models.subList(30, 42), times, 30);
        v += quantized(hub, rnd, "ggml-org", "GGUF", models.subList(48, 56), times, 48);
        v += quantized(hub, rnd, "Qwen", "AWQ", models.subList(20, 30), times, 20);
        v += quantized(hub, rnd, "mistralai", "FP8", models.subList(55, 60), times, 55);
        List<String> bundled = BundledCatalog.entries().stream().map(e -> e.id()).limit(5).toList();
        v += quantized(hub, rnd, "lmstudio-community", "GGUF", bundled, null, 0);
        if (v != VARIANTS || models.size() != MODELS) {
            throw new IllegalStateException(models.size() + " models, " + v + " variants");
        }
    }

    private static int quantized(FakeHub hub, Random rnd, String org, String format, List<String> bases,
                                 List<String> times, int offset) {
        for (int i = 0; i < bases.size(); i++) {
            String base = bases.get(i);
            String name = base.substring(base.indexOf('/') + 1);
            String id = org + "/" + name + (format.equals("GGUF") ? "-GGUF" : "-" + format);
            // One in three is older than its base (the base's timestamp is listed later): handled first.
            String lm = times != null && i % 3 == 0
                    ? Instant.parse(times.get(offset + i)).minus(1, ChronoUnit.DAYS).toString() : at(rnd);
            ObjectNode d = hub.repo(org, id, lm);
            ((ObjectNode) d.get("cardData")).put("base_model", base);
            if (format.equals("GGUF")) {
                for (String q : new String[] {"Q4_K_M", "Q8_0"}) {
                    d.withArray("siblings").addObject().put("rfilename", name + "-" + q + ".gguf");
                }
            } else {
                d.withArray("tags").add(format.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return bases.size();
    }

    /** One of twelve timestamps over six days: many repos share each. */
    private static String at(Random rnd) {
        return START.plus(12L * rnd.nextInt(12), ChronoUnit.HOURS).toString();
    }
}
