package dev.runyard.app.cli;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.safetensors.SafetensorsModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runyard inspect PATH}: what a GGUF or safetensors model holds, read from its headers only. */
@Command(name = "inspect", description = "Read a model's headers (GGUF or safetensors): architecture, parameters, "
        + "bytes by type, context length and metadata. Tensor data is never read.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH",
            description = "A .gguf file (first shard of a split set), a .safetensors file, or a model directory.")
    Path path;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.exists(path)) {
            throw RunyardException.notFound("no such file or directory: " + path, "check the path");
        }
        Map<String, Object> view = read(path);
        if (common.json()) {
            spec.commandLine().getOut().println(Json.write(view));
        } else {
            spec.commandLine().getOut().print(InspectView.toText(view));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Map<String, Object> read(Path path) {
        if (Files.isDirectory(path)) {
            if (SafetensorsModel.hasSafetensors(path)) {
                return InspectView.of(SafetensorsModel.read(path));
            }
            Path gguf = singleGguf(path);
            return InspectView.of(GgufSplit.read(gguf), GgufSplit.shardPaths(gguf).size());
        }
        if (GgufReader.looksLikeGguf(path)) {
            return InspectView.of(GgufSplit.read(path), GgufSplit.shardPaths(path).size());
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".safetensors") || name.endsWith(".safetensors.index.json")) {
            return InspectView.of(SafetensorsModel.read(path));
        }
        throw RunyardException.badInput(path + " is neither GGUF nor safetensors",
                "pass a .gguf file, a .safetensors file or a model directory");
    }

    /** The one GGUF model of a directory (a split set counts once; mmproj projectors are set aside). */
    private static Path singleGguf(Path dir) {
        List<Path> models;
        try (Stream<Path> s = Files.list(dir)) {
            models = s.filter(p -> p.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().startsWith("mmproj"))
                    .filter(p -> GgufSplit.shardIndex(p).orElse(1) == 1)
                    .sorted().toList();
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot list " + dir + ": " + e.getMessage(),
                    "check the directory is readable", e);
        }
        if (models.isEmpty()) {
            throw RunyardException.badInput(dir + " holds no .gguf or .safetensors model files",
                    "pass a model file or a directory with config.json and safetensors shards");
        }
        if (models.size() > 1) {
            throw RunyardException.badInput(dir + " holds " + models.size() + " GGUF models ("
                    + models.get(0).getFileName() + ", " + models.get(1).getFileName() + " …)", "pass one of the files");
        }
        return models.get(0);
    }
}
