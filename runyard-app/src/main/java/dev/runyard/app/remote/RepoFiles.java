package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.safetensors.SafetensorsIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The files of a repository (paths from the hub's tree listing) and which one to read when none is named: a GGUF
 * (preferring {@value #PREFERRED_QUANT}, else the first by path; a split set by its first shard, all shards
 * present), else {@code model.safetensors.index.json}, else {@code model.safetensors}.
 */
public record RepoFiles(List<String> paths) {
    static final String PREFERRED_QUANT = "Q4_K_M";
    private static final String SINGLE_SAFETENSORS = "model.safetensors";

    public RepoFiles {
        paths = paths.stream().sorted().toList();
    }

    /** The path to read for a repository named without a file. */
    public String pickModel(String repoName) {
        Optional<String> gguf = pickGguf();
        if (gguf.isPresent()) {
            return gguf.get();
        }
        for (String name : List.of(SafetensorsIndex.FILE_NAME, SINGLE_SAFETENSORS)) {
            if (paths.contains(name)) {
                return name;
            }
        }
        throw RunyardException.notFound(repoName + " holds no GGUF, " + SafetensorsIndex.FILE_NAME + " or "
                + SINGLE_SAFETENSORS + " file", "name the file: hf:OWNER/REPO/FILE");
    }

    Optional<String> pickGguf() {
        List<String> candidates = new ArrayList<>();
        for (String p : paths) {
            String base = baseName(p);
            if (base.toLowerCase(Locale.ROOT).endsWith(".gguf") && !base.startsWith("mmproj") && isFirstOrPlain(base)) {
                candidates.add(p);
            }
        }
        Optional<String> pick = candidates.stream()
                .filter(p -> p.toUpperCase(Locale.ROOT).contains(PREFERRED_QUANT)).findFirst()
                .or(() -> candidates.stream().findFirst());
        pick.ifPresent(this::checkShardsListed);
        return pick;
    }

    /** Every shard of the split set {@code first} belongs to must be in the listing. */
    void checkShardsListed(String first) {
        String dir = first.contains("/") ? first.substring(0, first.lastIndexOf('/') + 1) : "";
        Set<String> listed = new HashSet<>(paths);
        for (String shard : GgufSplit.shardNames(baseName(first))) {
            if (!listed.contains(dir + shard)) {
                throw RunyardException.notFound("missing GGUF shard " + dir + shard + " in the repository",
                        "the split set is incomplete; pick another file");
            }
        }
    }

    private static boolean isFirstOrPlain(String base) {
        try {
            return GgufSplit.shardNames(base).get(0).equals(base);
        } catch (RunyardException e) {
            return false;
        }
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
