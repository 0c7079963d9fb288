package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.app.remote.GgufFileName;
import dev.runyard.app.store.Listing;
import dev.runyard.core.catalog.ArtifactFile;
import dev.runyard.core.catalog.ArtifactRepo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The artifact registry's listing of a quantized repo from the Hub's answer with {@code blobs=true}: each GGUF quant
 * (split shards summed) or the safetensors set, with the Hub's own byte counts, which are exact.
 */
final class HubFiles {
    static final Pattern SPLIT = GgufFileName.SPLIT;
    static final Pattern QUANT = GgufFileName.QUANT;
    static final Pattern TAIL = GgufFileName.TAIL;
    /** A repo listing more files than this is not a weight repo we can describe. */
    static final int MAX_FILES = 20_000;

    private HubFiles() {
    }

    static Listing of(JsonNode repo, String format, String repoId) {
        JsonNode siblings = repo.path("siblings");
        if (!siblings.isArray() || siblings.size() > MAX_FILES) {
            return null;
        }
        String source = "https://huggingface.co/api/models/" + repoId + " (siblings with blobs)";
        Integer bits = ArtifactRepo.bitsInName(repoId);
        if (format.equalsIgnoreCase("GGUF")) {
            return new Listing(null, gguf(siblings), source);
        }
        long bytes = 0;
        int parts = 0;
        boolean exact = true;
        String first = null;
        for (JsonNode s : siblings) {
            String f = s.path("rfilename").asText("");
            if (f.toLowerCase(Locale.ROOT).endsWith(".safetensors")) {
                Long size = size(s);
                exact &= size != null;
                bytes += size == null ? 0 : size;
                parts++;
                first = first == null || f.compareTo(first) < 0 ? f : first;
            }
        }
        List<ArtifactFile> files = parts == 0 ? List.of() : List.of(new ArtifactFile(
                format.toUpperCase(Locale.ROOT) + (bits == null ? "" : "-" + bits + "bit"), first,
                exact && bytes > 0 ? bytes : null, exact && bytes > 0, parts));
        return new Listing(bits, files, source);
    }

    private static List<ArtifactFile> gguf(JsonNode siblings) {
        record Acc(String path, long bytes, boolean exact, int parts) {
        }
        Map<String, Acc> byQuant = new TreeMap<>();
        for (JsonNode s : siblings) {
            String f = s.path("rfilename").asText("");
            String file = f.substring(f.lastIndexOf('/') + 1);
            String lower = file.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".gguf") || lower.startsWith("mmproj")) {
                continue;
            }
            String stem = SPLIT.matcher(file.substring(0, file.length() - 5)).replaceAll("");
            String quant = quant(stem);
            if (quant == null) {
                continue;
            }
            Long size = size(s);
            Acc a = byQuant.get(quant);
            byQuant.put(quant, a == null ? new Acc(f, size == null ? 0 : size, size != null, 1)
                    : new Acc(f.compareTo(a.path()) < 0 ? f : a.path(), a.bytes() + (size == null ? 0 : size),
                    a.exact() && size != null, a.parts() + 1));
            if (byQuant.size() > RepoClassifier.MAX_QUANTS) {
                break;
            }
        }
        List<ArtifactFile> out = new ArrayList<>();
        byQuant.forEach((q, a) -> out.add(new ArtifactFile(q, a.path(), a.exact() && a.bytes() > 0 ? a.bytes() : null,
                a.exact() && a.bytes() > 0, a.parts())));
        return out;
    }

    static String quant(String stem) {
        return GgufFileName.quant(stem);
    }

    private static Long size(JsonNode s) {
        JsonNode n = s.path("lfs").path("size").canConvertToLong() ? s.path("lfs").path("size") : s.path("size");
        return n.canConvertToLong() && n.asLong() > 0 ? n.asLong() : null;
    }

}
