package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Classifies a Hub repository from its API answer: GGUF repos (by files, tags or name) and AWQ/GPTQ/FP8/NVFP4/MLX/
 * bitsandbytes repos (by name and tags) are variants of the base model their card names; everything else is a model,
 * a distill when its name says so.
 */
public final class RepoClassifier {
    /** llama.cpp has a few dozen file types; a repo claiming more is not telling the truth. */
    static final int MAX_QUANTS = 64;

    private RepoClassifier() {
    }

    public static RepoKind classify(JsonNode repo) {
        String id = repo.path("id").asText(repo.path("modelId").asText());
        String name = id.substring(id.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        List<String> tags = new ArrayList<>();
        repo.path("tags").forEach(t -> tags.add(t.asText().toLowerCase(Locale.ROOT)));
        String base = baseModel(repo, tags);
        List<String> quants = ggufQuants(repo.path("siblings"));
        boolean gguf = !quants.isEmpty() || tags.contains("gguf") || name.endsWith("-gguf")
                || repo.path("library_name").asText().equalsIgnoreCase("gguf");
        String format = gguf ? "GGUF" : gpuFormat(name, tags, repo.path("library_name").asText());
        if (format != null) {
            return new RepoKind.Quantized(base, format, quants, HubFiles.of(repo, format, id));
        }
        return new RepoKind.Model(base, name.contains("distill"));
    }

    static String gpuFormat(String name, List<String> tags, String library) {
        if (library.equalsIgnoreCase("mlx") || tags.contains("mlx") || name.contains("-mlx")) {
            return "MLX";
        }
        for (String f : List.of("awq", "gptq", "nvfp4", "fp8")) {
            if (name.contains("-" + f) || name.contains("_" + f) || tags.contains(f)) {
                return f.toUpperCase(Locale.ROOT);
            }
        }
        if (name.contains("bnb-4bit") || tags.contains("bitsandbytes")) {
            return "bitsandbytes";
        }
        return null;
    }

    /** cardData.base_model (a string or a list), else a {@code base_model:…:X} tag; null when none names a valid repo id. */
    static String baseModel(JsonNode repo, List<String> lowerTags) {
        JsonNode b = repo.path("cardData").path("base_model");
        if (b.isArray() && b.size() > 0) {
            b = b.get(0);
        }
        if (b.isTextual() && !b.asText().isBlank()) {
            return valid(b.asText().trim());
        }
        for (JsonNode t : repo.path("tags")) {
            String s = t.asText();
            if (s.startsWith("base_model:") && s.indexOf('/') > 0) {
                return valid(s.substring(s.lastIndexOf(':') + 1));
            }
        }
        return null;
    }

    private static String valid(String repoId) {
        return HubRecords.isRepoId(repoId) ? repoId : null;
    }

    /** Quantization names from GGUF file names: {@code Model-Q4_K_M.gguf}, {@code Q8_0/Model-Q8_0-00001-of-00002.gguf}. */
    public static List<String> ggufQuants(JsonNode siblings) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : siblings) {
            String f = s.path("rfilename").asText();
            String file = f.substring(f.lastIndexOf('/') + 1);
            if (!file.toLowerCase(Locale.ROOT).endsWith(".gguf") || file.toLowerCase(Locale.ROOT).startsWith("mmproj")) {
                continue;
            }
            String stem = HubFiles.SPLIT.matcher(file.substring(0, file.length() - 5)).replaceAll("");
            Matcher m = HubFiles.TAIL.matcher(stem);
            // The quant is the last one or two "-"/"." separated tokens: "UD-Q4_K_XL" keeps "Q4_K_XL".
            if (m.find() && HubFiles.QUANT.matcher(m.group(1)).matches() && out.size() < MAX_QUANTS) {
                out.add(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(out);
    }
}
