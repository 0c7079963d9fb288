package dev.runyard.core.format.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
            h.metadata().forEach(metadata::putIfAbsent);
            headerBytes = Math.addExact(headerBytes, h.headerBytes());
        }
        return new SafetensorsHeader(source, metadata, all, headerBytes);
    }

    static Map<String, String> weightMap(Path index) {
        String name = index.toString();
        try {
            long size = Files.size(index);
            if (size > MAX_INDEX_BYTES) {
                throw new SafetensorsFormatException(name, -1, "index", size + " bytes is more than the limit of "
                        + MAX_INDEX_BYTES);
            }
            return weightMap(Files.readAllBytes(index), name);
        } catch (NoSuchFileException e) {
            throw RunyardException.notFound("file not found: " + index, "check the path");
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read " + index + ": " + e.getMessage(),
                    "check the file is readable", e);
        }
    }

    /** The tensor → shard file name map of an index's bytes; shard names must be plain file names. */
    public static Map<String, String> weightMap(byte[] json, String name) {
        if (json.length > MAX_INDEX_BYTES) {
            throw new SafetensorsFormatException(name, -1, "index", json.length + " bytes is more than the limit of "
                    + MAX_INDEX_BYTES);
        }
        JsonNode root;
        try {
            root = SafetensorsReader.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new SafetensorsFormatException(name, at, "index", "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SafetensorsFormatException(name, -1, "index", "unreadable: " + e.getMessage());
        }
        JsonNode wm = root == null ? null : root.get("weight_map");
        if (wm == null || !wm.isObject() || wm.isEmpty()) {
            throw new SafetensorsFormatException(name, -1, "weight_map", "missing or empty");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Boolean> checked = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = wm.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().isTextual() ? e.getValue().asText() : null;
            if (shard == null || !checked.computeIfAbsent(shard, SafetensorsIndex::plainFileName)) {
                throw new SafetensorsFormatException(name, -1, "weight_map." + e.getKey(),
                        "shard must be a file name beside the index, got " + e.getValue());
            }
            out.put(e.getKey(), shard);
        }
        return out;
    }

    /** Refuses paths that would leave the model directory ("../x", "/etc/x", "a/b"). */
    static boolean plainFileName(String s) {
        return !s.isEmpty() && !s.equals(".") && !s.equals("..") && s.indexOf('/') < 0 && s.indexOf('\\') < 0
                && s.indexOf(':') < 0 && s.indexOf('\0') < 0;
    }
}
