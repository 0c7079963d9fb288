package dev.runyard.app.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.core.catalog.ArtifactFile;
import java.util.ArrayList;
import java.util.List;

/**
 * What a listing of a quantized repository showed: its files (with sizes when known) and its weight bits. Stored as
 * one JSON object in the {@code files} column; a variant without a listing has none.
 *
 * @param bits   weight bits (MLX, AWQ, GPTQ) or null
 * @param files  the files, possibly none
 * @param source where the listing was read (a Hub page, or the Hub's API for a sync)
 */
public record Listing(Integer bits, List<ArtifactFile> files, String source) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Listing {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** The object as catalog entries write it inside {@code quantized_repos}: bits, files, listing_source. */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (bits != null) {
            o.put("bits", bits);
        }
        if (source != null) {
            o.put("listing_source", source);
        }
        ArrayNode arr = o.putArray("files");
        for (ArtifactFile f : files) {
            ObjectNode n = arr.addObject().put("quant", f.quant());
            if (f.path() != null) {
                n.put("file", f.path());
            }
            if (f.bytes() != null) {
                n.put("bytes", f.bytes());
            }
            n.put("exact", f.exact());
            if (f.parts() != null) {
                n.put("parts", f.parts());
            }
        }
        return o;
    }

    /** What a catalog entry's repository says was listed; null when it has no {@code files}. */
    public static Listing of(dev.runyard.app.entry.CatalogEntry.Repo r) {
        return r.files() == null ? null : new Listing(r.bits(), r.files().stream()
                .map(f -> new ArtifactFile(f.quant().trim(), f.file(), f.bytes(), f.exact(), f.parts())).toList(),
                r.listingSource());
    }

    public String toText() {
        return toJson().toString();
    }

    /** Reads {@code toJson}'s shape (or a catalog entry's repo object); null when it has no {@code files} array. */
    public static Listing of(JsonNode n) {
        if (n == null || !n.path("files").isArray()) {
            return null;
        }
        List<ArtifactFile> files = new ArrayList<>();
        for (JsonNode f : n.get("files")) {
            String quant = f.path("quant").asText("");
            if (quant.isBlank()) {
                continue;
            }
            Long bytes = f.path("bytes").canConvertToLong() && f.get("bytes").asLong() > 0 ? f.get("bytes").asLong() : null;
            files.add(new ArtifactFile(quant.trim(), f.path("file").asText(null), bytes, f.path("exact").asBoolean(false),
                    f.path("parts").isInt() ? f.get("parts").asInt() : null));
        }
        return new Listing(n.path("bits").isInt() ? n.get("bits").asInt() : null, files,
                n.path("listing_source").asText(null));
    }

    public static Listing parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return of(JSON.readTree(text));
        } catch (java.io.IOException e) {
            return null; // a damaged cell loses the listing, not the model
        }
    }
}
