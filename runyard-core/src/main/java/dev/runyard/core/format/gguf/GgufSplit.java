package dev.runyard.core.format.gguf;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Split GGUF sets as written by llama.cpp's {@code gguf-split} ({@code name-00001-of-00003.gguf}): every shard
 * carries {@code split.no} and {@code split.count}; the first also has the model metadata and
 * {@code split.tensors.count}. Reading one merges the tensor infos of all shards.
 */
public final class GgufSplit {
    private static final Pattern SHARD = Pattern.compile("(.+)-(\\d{5})-of-(\\d{5})\\.gguf");

    private GgufSplit() {
    }

    public static boolean isShard(Path path) {
        return path.getFileName() != null && SHARD.matcher(path.getFileName().toString()).matches();
    }

    /** The shard index (1-based) of a shard file name, or empty. */
    public static OptionalLong shardIndex(Path path) {
        Matcher m = SHARD.matcher(String.valueOf(path.getFileName()));
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(2))) : OptionalLong.empty();
    }

    /** All shard paths of the set {@code shard} belongs to, first to last; just {@code shard} for a plain file. */
    public static List<Path> shardPaths(Path shard) {
        return shardNames(String.valueOf(shard.getFileName())).stream().map(shard::resolveSibling).toList();
    }

    /** All shard file names of the set {@code fileName} belongs to, first to last; just the name for a plain file. */
    public static List<String> shardNames(String fileName) {
        Matcher m = SHARD.matcher(fileName);
        if (!m.matches()) {
            return List.of(fileName);
        }
        int index = Integer.parseInt(m.group(2));
        int count = Integer.parseInt(m.group(3));
        if (count < 1 || index < 1 || index > count) {
            throw RunyardException.badInput(fileName + ": shard " + index + " of " + count
                    + " is not a valid split name", "pass the first shard, name-00001-of-0000N.gguf");
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(String.format("%s-%05d-of-%05d.gguf", m.group(1), i, count));
        }
        return names;
    }

    /** Reads a plain GGUF, or every shard of a split set, merged into one header. */
    public static GgufHeader read(Path path) {
        List<Path> paths = shardPaths(path);
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw RunyardException.notFound("missing GGUF shard " + p, "download every shard of the set");
            }
            LocalFiles.requireRegular(p, "GGUF file");
        }
        List<GgufHeader> headers = new ArrayList<>(paths.size());
        for (Path p : paths) {
            headers.add(GgufReader.read(p));
        }
        return merge(headers);
    }

    /**
     * Merges the headers of a split set, first shard first (metadata is the first one's): checks {@code split.no},
     * {@code split.count}, that no tensor appears twice and {@code split.tensors.count}. One header is returned as is.
     */
    public static GgufHeader merge(List<GgufHeader> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("no shards");
        }
        GgufHeader merged = null;
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            GgufHeader h = shards.get(i);
            if (shards.size() > 1) {
                checkShard(h, i, shards.size());
            }
            for (GgufTensorInfo t : h.tensors()) {
                if (!names.add(t.name())) {
                    throw new GgufFormatException(h.source(), -1, "tensor '" + t.name() + "'",
                            "tensor also appears in an earlier shard");
                }
            }
            total = Math.addExact(total, h.tensors().size());
            merged = merged == null ? h : merged.withMoreTensors(h.tensors(), h.headerBytes());
        }
        OptionalLong expected = merged.integer("split.tensors.count");
        if (shards.size() > 1 && expected.isPresent() && expected.getAsLong() != total) {
            throw new GgufFormatException(merged.source(), -1, "split.tensors.count",
                    "says " + expected.getAsLong() + " tensors but the shards hold " + total);
        }
        return merged;
    }

    private static void checkShard(GgufHeader h, int index, int count) {
        OptionalLong no = h.integer("split.no");
        if (no.isPresent() && no.getAsLong() != index) {
            throw new GgufFormatException(h.source(), -1, "split.no", "is " + no.getAsLong() + ", expected " + index);
        }
        OptionalLong n = h.integer("split.count");
        if (n.isPresent() && n.getAsLong() != count) {
            throw new GgufFormatException(h.source(), -1, "split.count", "is " + n.getAsLong() + ", expected " + count);
        }
    }
}
