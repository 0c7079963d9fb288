package dev.runyard.core.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A published weight repository of a model: GGUF, AWQ, GPTQ, FP8, NVFP4, MLX … with the files it is known to hold.
 * The registry never guesses a file: {@code listed} false means the repo is known to exist but nobody has read its
 * file list, so no command may claim a quant from it.
 *
 * @param repo    Hugging Face repository id
 * @param format  GGUF, MLX, AWQ, GPTQ, FP8, NVFP4, MXFP4, INT4, bitsandbytes … (upper case as the catalog writes it)
 * @param bits    weight bits for MLX/AWQ/GPTQ repos when known, else null
 * @param files   the files read from a listing (empty when not listed)
 * @param listed  whether {@code files} is a real listing ("tree", "card" or a sync), even an empty one
 * @param source  where the listing (or the repo's existence) was read
 */
public record ArtifactRepo(String repo, String format, Integer bits, List<ArtifactFile> files, boolean listed,
                           String source) {
    public ArtifactRepo {
        if (repo == null || repo.isBlank() || format == null) {
            throw new IllegalArgumentException("an artifact repo needs an id and a format");
        }
        files = files == null ? List.of() : List.copyOf(files);
        format = format.toUpperCase(Locale.ROOT);
    }

    private static final java.util.regex.Pattern BITS = java.util.regex.Pattern.compile("(?i)[-_](\\d{1,2})-?bits?\\b");

    /** The weight bits a repo's name states ("mlx-community/X-4bit" → 4), or null. */
    public static Integer bitsInName(String repo) {
        java.util.regex.Matcher m = BITS.matcher(repo.toLowerCase(Locale.ROOT));
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** A repo known to exist whose files nobody listed. */
    public static ArtifactRepo unlisted(String repo, String format, String source) {
        return new ArtifactRepo(repo, format, null, List.of(), false, source);
    }

    public boolean isGguf() {
        return format.contains("GGUF");
    }

    /** The GGUF file of exactly this llama.cpp quantization, if listed. */
    public Optional<ArtifactFile> file(String quant) {
        return files.stream().filter(f -> f.isQuant(quant)).findFirst();
    }

    /**
     * The format key commands are chosen by: gguf, awq, gptq, nvfp4, fp8, mlx, or the format in lower case.
     */
    public String key() {
        String f = format.toLowerCase(Locale.ROOT);
        return f.contains("gguf") ? "gguf" : f.contains("awq") ? "awq" : f.contains("gptq") ? "gptq"
                : f.contains("nvfp4") ? "nvfp4" : f.contains("fp8") ? "fp8" : f.contains("mlx") ? "mlx" : f;
    }
}
