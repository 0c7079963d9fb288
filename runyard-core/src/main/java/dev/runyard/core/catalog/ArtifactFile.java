package dev.runyard.core.catalog;

import java.util.Locale;

/**
 * One weight file (or one split set) in a published repository, as the registry records it.
 *
 * @param quant the quantization as the file name spells it ({@code Q4_K_M}, {@code UD-Q4_K_XL}, {@code BF16}); for
 *              a non-GGUF repo the repo's format ("AWQ-4bit", "FP8")
 * @param path  path of the file (the first shard of a split set) inside the repo, or null when not recorded
 * @param bytes size of the whole set in bytes, or null when no source gives it
 * @param exact true when {@code bytes} is the Hub's own byte count (a sync); false when it was read from a page that
 *              rounds ("19.76 GB")
 * @param parts number of shards, or null when unknown
 */
public record ArtifactFile(String quant, String path, Long bytes, boolean exact, Integer parts) {
    public ArtifactFile {
        if (quant == null || quant.isBlank()) {
            throw new IllegalArgumentException("an artifact file needs its quant");
        }
        if (bytes != null && bytes <= 0) {
            bytes = null;
        }
    }

    /** True when this file is the stock llama.cpp quantization {@code name} (case-insensitive, exact name). */
    public boolean isQuant(String name) {
        return canonical(quant).equals(canonical(name));
    }

    /** Upper case, with the spellings publishers use for one llama.cpp type made one (MXFP4 files are MXFP4_MOE). */
    static String canonical(String q) {
        String u = q.toUpperCase(Locale.ROOT).replace('-', '_');
        if (u.startsWith("I1_")) {
            u = u.substring(3); // mradermacher's imatrix files ("Model.i1-Q4_K_M.gguf") hold the stock type
        }
        return switch (u) {
            case "MXFP4" -> "MXFP4_MOE";
            case "FP16" -> "F16";
            default -> u;
        };
    }
}
