package dev.runyard.app.cli;

import dev.runyard.app.progress.WaitClock;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.Deadline;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.remote.RemoteReader;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.LocalFiles;
import dev.runyard.core.format.gguf.GgufReader;
import dev.runyard.core.format.gguf.GgufSplit;
import dev.runyard.core.format.safetensors.SafetensorsModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runyard inspect PATH | URL | hf:OWNER/REPO[/FILE]}: what a GGUF or safetensors model holds, read from its
 * headers only; remote files are read by HTTP range requests, so only the header is downloaded.
 */
@Command(name = "inspect", description = "Read a model's headers (GGUF or safetensors): architecture, parameters, "
        + "bytes by type, context length and metadata. Tensor data is never read.")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH | URL | hf:OWNER/REPO[/FILE]",
            description = "A .gguf file (first shard of a split set), a .safetensors file, a model directory, an "
                    + "http(s) URL of such a file (only its header is downloaded), or a Hugging Face repository or "
                    + "file (hf:OWNER/REPO picks a GGUF, preferring Q4_K_M, else the safetensors checkpoint).")
    String target;

    @Option(names = "--revision", paramLabel = "REV",
            description = "Branch, tag or commit of an hf: reference (default: main).")
    String revision;

    @Option(names = "--hub-url", paramLabel = "URL",
            description = "Hugging Face endpoint for hf: references (default: $RUNYARD_HF_ENDPOINT, else "
                    + "https://huggingface.co). HF_TOKEN, when set, is sent to it.")
    String hubUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Give up on a URL or hf: reference after this many seconds in all, retries included "
                    + "(default: ${DEFAULT-VALUE}; each request also stops after 60 s).")
    double timeoutSeconds;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** A day: longer is not a timeout any more. */
    static final int MAX_TIMEOUT_S = 86_400;

    private final Function<String, String> env;
    private final WaitClock clock;

    public InspectCommand() {
        this(System::getenv, WaitClock.SYSTEM);
    }

    /**
     * With the environment ({@code HF_TOKEN}, {@code RUNYARD_HF_ENDPOINT} …) read through {@code env}, and network
     * waits timed by {@code clock} for the progress shown on stderr.
     */
    InspectCommand(Function<String, String> env, WaitClock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Map<String, Object> view;
        if (!(timeoutSeconds > 0 && timeoutSeconds <= MAX_TIMEOUT_S)) {
            throw RunyardException.badInput("--timeout must be more than 0 and at most " + MAX_TIMEOUT_S + " seconds, got "
                    + timeoutSeconds, "e.g. --timeout 300");
        }
        if (RemoteReader.isRemote(target)) {
            Duration budget = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
            RemoteOptions options = RemoteOptions.fromEnv(env, hubUrl,
                    WaitProgress.toStderr(spec.commandLine().getErr(), clock))
                    .withDeadline(Deadline.after(budget, clock.nanos(), "--timeout " + Deadline.describe(budget)));
            view = InspectView.of(new RemoteReader(options).read(target, revision));
        } else {
            if (revision != null || hubUrl != null) {
                throw RunyardException.badInput("--revision and --hub-url apply to hf: references only",
                        "use hf:OWNER/REPO[/FILE]");
            }
            view = readLocal(target);
        }
        if (common.json()) {
            spec.commandLine().getOut().println(Json.write(view));
        } else {
            spec.commandLine().getOut().print(InspectView.toText(view));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static Map<String, Object> readLocal(String target) {
        Path path;
        try {
            path = Path.of(target);
        } catch (InvalidPathException e) {
            throw RunyardException.badInput("'" + target + "' is not a valid path", "pass a file, URL or hf: reference");
        }
        if (!Files.exists(path)) {
            throw RunyardException.notFound("no such file or directory: " + path, "check the path");
        }
        return read(path);
    }

    static Map<String, Object> read(Path path) {
        if (Files.isDirectory(path)) {
            if (SafetensorsModel.hasSafetensors(path)) {
                return InspectView.of(SafetensorsModel.read(path));
            }
            Path gguf = singleGguf(path);
            return InspectView.of(GgufSplit.read(gguf), GgufSplit.shardPaths(gguf).size());
        }
        LocalFiles.requireRegular(path, "model file"); // a FIFO or device would block or never end
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
