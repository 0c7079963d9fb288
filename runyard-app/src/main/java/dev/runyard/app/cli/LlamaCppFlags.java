package dev.runyard.app.cli;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.plan.LlamaCppOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * llama.cpp's own placement flags, spelled as llama.cpp spells them, for users who arrive with a command line: the
 * plan follows them instead of choosing a placement (mixin of {@code estimate}).
 */
public final class LlamaCppFlags {
    @Option(names = {"--n-gpu-layers", "-ngl"}, paramLabel = "N",
            description = "llama.cpp -ngl: the last N layers on the GPUs (999 = all and the output).")
    Integer gpuLayers;

    @Option(names = "--n-cpu-moe", paramLabel = "N", description = "llama.cpp --n-cpu-moe: routed experts of the first N "
            + "layers in system RAM.")
    Integer cpuMoe;

    @Option(names = "--cpu-moe", description = "llama.cpp --cpu-moe: every layer's routed experts in system RAM.")
    boolean cpuMoeAll;

    @Option(names = {"--override-tensor", "-ot"}, paramLabel = "PATTERN=DEVICE",
            description = "llama.cpp -ot; the experts-to-CPU family is understood (exps=CPU, \\.ffn_.*_exps\\.=CPU).")
    List<String> overrideTensor = new ArrayList<>();

    @Option(names = {"--tensor-split", "-ts"}, paramLabel = "A,B,…", split = ",",
            description = "llama.cpp -ts: the share of layers per GPU, e.g. 3,1.")
    List<Double> tensorSplit = new ArrayList<>();

    @Option(names = {"--no-kv-offload", "-nkvo"}, description = "llama.cpp -nkvo: keep the KV cache in system RAM.")
    boolean noKvOffload;

    @Option(names = "--no-mmap", description = "llama.cpp --no-mmap: read weights kept in RAM into allocated memory.")
    boolean noMmap;

    /** The options, or null when none was given (the planner then chooses the placement). */
    LlamaCppOptions toOptions() {
        boolean expertsOnCpu = cpuMoeAll;
        for (String ot : overrideTensor) {
            int eq = ot.lastIndexOf('=');
            String pattern = eq < 0 ? "" : ot.substring(0, eq);
            String device = eq < 0 ? "" : ot.substring(eq + 1).trim().toUpperCase(Locale.ROOT);
            if (!pattern.contains("exps") || !device.equals("CPU")) {
                throw RunyardException.badInput("--override-tensor \"" + ot + "\" is not understood",
                        "Runyard models the experts-to-CPU family: -ot exps=CPU (or --n-cpu-moe N)");
            }
            expertsOnCpu = true;
        }
        LlamaCppOptions o = new LlamaCppOptions(gpuLayers, cpuMoe, expertsOnCpu, tensorSplit, noKvOffload, noMmap);
        return o.any() ? o : null;
    }
}
