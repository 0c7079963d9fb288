package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sharded checkpoints: {@code model.safetensors.index.json} maps each tensor to its shard file
 * ({@code weight_map}). Shard names are untrusted too: only plain file names beside the index are accepted.
 */
public final class SafetensorsIndex {
    public static final String FILE_NAME = "model.safetensors.index.json";
    static final long MAX_INDEX_BYTES = 64L * 1024 * 1024;

    private SafetensorsIndex() {
    }

    /** The shard file names of an index, in order of first mention. */
    public static List<String> shardNames(Path index) {
        return List.copyOf(new LinkedHashSet<>(weightMap(index).values()));
    }

    /** Reads every shard named by the index and merges them; every mapped tensor must be in its shard. */
    public static SafetensorsHeader read(Path index) {
        String source = index.getParent() == null ? index.toString() : index.getParent().toString();
        return merge(weightMap(index), shardName -> {
            Path shard = index.resolveSibling(shardName);
            if (!Files.isRegularFile(shard)) {
                throw RunyardException.notFound("missing safetensors shard " + shard, "download every shard listed in "
                        + index.getFileName());
            }
            return SafetensorsReader.read(shard);
        }, source);
    }

    /**
     * Merges the shards of a weight map, each read by {@code readShard} from its file name (a local file or a
     * remote one): no tensor may appear twice, and every mapped tensor must be in its shard.
     */
    public static SafetensorsHeader merge(Map<String, String> map, Function<String, SafetensorsHeader> readShard,
                                          String source) {
        Map<String, List<String>> byShard = new LinkedHashMap<>();
        map.forEach((tensor, shard) -> byShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(tensor));
        List<SafetensorsTensor> all = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> e : byShard.entrySet()) {
            SafetensorsHeader h = readShard.apply(e.getKey());
            Set<String> names = new HashSet<>();
            for (SafetensorsTensor t : h.tensors()) {
                names.add(t.name());
                if (!seen.add(t.name())) {
                    throw new SafetensorsFormatException(h.source(), -1, "tensor '" + t.name() + "'",
                            "also appears in another shard");
                }
            }
            for (String t : e.getValue()) {
                if (!names.contains(t)) {
                    throw new SafetensorsFormatException(h.source(), -1, "tensor '" + t + "'",
                            "the index maps it to this shard but the shard does not hold it");
                }
            }
            all.addAll(h.tensors());
            checkTotal(all.size(), source);
            h.metadata().forEach(metadata::putIfAbsent);
            headerBytes = Math.addExact(headerBytes, h.headerBytes());
        }
        return new SafetensorsHeader(source, metadata, all, headerBytes);
    }

    /** A merged checkpoint is held to the per-file tensor limit too. */
    static void checkTotal(int tensors, String source) {
        if (tensors > SafetensorsReader.MAX_TENSORS) {
            throw new SafetensorsFormatException(source, -1, "shards", "more than " + SafetensorsReader.MAX_TENSORS
                    + " tensors in all");
        }
    }

    static Map<String, String> weightMap(Path index) {
        return weightMap(LocalFiles.readBounded(index, MAX_INDEX_BYTES, "safetensors index"), index.toString());
    }

    /**
     * The tensor → shard file name map of an index's bytes, parsed as a stream (at most
     * {@link SafetensorsReader#MAX_TENSORS} entries); shard names must be plain file names.
     */
    public static Map<String, String> weightMap(byte[] json, String name) {
        if (json.length > MAX_INDEX_BYTES) {
            throw new SafetensorsFormatException(name, -1, "index", json.length + " bytes is more than the limit of "
                    + MAX_INDEX_BYTES);
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = SafetensorsReader.JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new SafetensorsFormatException(name, -1, "index", "is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (key.equals("weight_map") && p.currentToken() == JsonToken.START_OBJECT) {
                    entries(p, name, out);
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(name, HeaderParser.offset(e.getLocation()), "index", "invalid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SafetensorsFormatException(name, -1, "index", "unreadable: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new SafetensorsFormatException(name, -1, "weight_map", "missing or empty");
        }
        return out;
    }

    private static void entries(JsonParser p, String name, Map<String, String> out) throws IOException {
        // One String per shard name, however many tensors point at it.
        Map<String, String> shards = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String tensor = p.currentName();
            JsonToken v = p.nextToken();
            String shard = v == JsonToken.VALUE_STRING ? p.getText() : null;
            if (shard == null || !plainFileName(shard)) {
                throw new SafetensorsFormatException(name, -1, "weight_map." + tensor,
                        "shard must be a file name beside the index, got " + (shard == null ? v : "\"" + shard + "\""));
            }
            if (out.size() == SafetensorsReader.MAX_TENSORS) {
                throw new SafetensorsFormatException(name, -1, "weight_map", "more than "
                        + SafetensorsReader.MAX_TENSORS + " tensors");
            }
            out.put(tensor, shards.computeIfAbsent(shard, k -> k));
        }
    }

    /** Refuses paths that would leave the model directory ("../x", "/etc/x", "a/b"). */
    static boolean plainFileName(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\\') < 0
                && s.indexOf(':') < 0 && s.indexOf('\0') < 0;
    }
}
