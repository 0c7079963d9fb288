package dev.runyard.core.format.safetensors;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.hfconfig.HfConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A safetensors checkpoint (one file, an indexed shard set, or a directory of shards) with what its
 * {@code config.json} adds: architecture ({@code model_type}), context length ({@code max_position_embeddings})
 * and quantization method ({@code quantization_config.quant_method}).
 */
public record SafetensorsModel(Path path, SafetensorsHeader header, Optional<String> architecture,
                               OptionalLong contextLength, Optional<String> quantMethod) {

    /** Reads a .safetensors file, an index json, or a directory holding either (plus config.json). */
    public static SafetensorsModel read(Path path) {
        if (!Files.exists(path)) {
            throw RunyardException.notFound("no such file or directory: " + path, "check the path");
        }
        if (!Files.isDirectory(path)) {
            SafetensorsHeader h = path.getFileName().toString().endsWith(".json")
                    ? SafetensorsIndex.read(path) : SafetensorsReader.read(path);
            return withConfig(path, h, path.resolveSibling("config.json"));
        }
        Path index = path.resolve(SafetensorsIndex.FILE_NAME);
        SafetensorsHeader h;
        if (Files.isRegularFile(index)) {
            h = SafetensorsIndex.read(index);
        } else {
            List<Path> files = safetensorsFiles(path);
            if (files.isEmpty()) {
                throw RunyardException.badInput(path + " holds no .safetensors files", "pass a model directory");
            }
            h = merge(path, files);
        }
        return withConfig(path, h, path.resolve("config.json"));
    }

    public static boolean hasSafetensors(Path dir) {
        return Files.isRegularFile(dir.resolve(SafetensorsIndex.FILE_NAME)) || !safetensorsFiles(dir).isEmpty();
    }

    static List<Path> safetensorsFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot list " + dir + ": " + e.getMessage(),
                    "check the directory is readable", e);
        }
    }

    private static SafetensorsHeader merge(Path dir, List<Path> files) {
        List<SafetensorsTensor> all = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        long headerBytes = 0;
        for (Path f : files) {
            SafetensorsHeader h = SafetensorsReader.read(f);
            for (SafetensorsTensor t : h.tensors()) {
                if (!seen.add(t.name())) {
                    throw new SafetensorsFormatException(f.toString(), -1, "tensor '" + t.name() + "'",
                            "also appears in another file");
                }
            }
            all.addAll(h.tensors());
            SafetensorsIndex.checkTotal(all.size(), dir.toString());
            h.metadata().forEach(metadata::putIfAbsent);
            headerBytes = Math.addExact(headerBytes, h.headerBytes());
        }
        return new SafetensorsHeader(dir.toString(), metadata, all, headerBytes);
    }

    private static SafetensorsModel withConfig(Path path, SafetensorsHeader h, Path configPath) {
        return of(path, h, Files.isRegularFile(configPath) ? Optional.of(HfConfig.read(configPath)) : Optional.empty());
    }

    /** A checkpoint from its merged header and, when there is one, its config (local or fetched). */
    public static SafetensorsModel of(Path path, SafetensorsHeader h, Optional<HfConfig> configOrEmpty) {
        if (configOrEmpty.isEmpty()) {
            return new SafetensorsModel(path, h, Optional.empty(), OptionalLong.empty(), Optional.empty());
        }
        HfConfig config = configOrEmpty.get();
        Optional<String> arch = config.optString("model_type");
        if (arch.isEmpty() && config.json().path("architectures").path(0).isTextual()) {
            arch = Optional.of(config.json().path("architectures").path(0).asText());
        }
        Optional<Long> ctx = config.languageModel().optLong("max_position_embeddings");
        Optional<String> quant = config.child("quantization_config").flatMap(q -> q.optString("quant_method"));
        return new SafetensorsModel(path, h, arch, ctx.map(OptionalLong::of).orElse(OptionalLong.empty()), quant);
    }
}
