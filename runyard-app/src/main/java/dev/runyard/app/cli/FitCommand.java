package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineProbe;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.ArchitectureReader;
import dev.runyard.core.model.ModelArchitecture;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.units.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code runyard fit}: looks at this machine and checks a reference model against it. The ranked list over the
 * catalog replaces the reference model once the catalog and ranking exist; the machine probe stays.
 */
@Command(name = "fit", description = "Detect this machine and show what fits (today: a reference model's estimate).")
public final class FitCommand implements Callable<Integer> {
    static final String REFERENCE = "/dev/runyard/app/defaults/reference-model-config.json";

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MachineProbe.Profile machine = MachineProbe.probe();
        ModelArchitecture arch = ArchitectureReader.read(referenceConfig());
        boolean gpu = !machine.gpus().isEmpty();
        EstimateRequest req = EstimateRequest.builder(Quant.parse("Q4_K_M")).ctx(8192)
                .backend(gpu ? "cuda" : "cpu").build();
        MemoryEstimate est = MemoryEstimator.estimate(arch, req);
        long available = gpu ? machine.gpus().get(0).freeBytes() : machine.ramTotalBytes();
        boolean fits = available > 0 && est.totalBytes() <= available;
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ram_total_bytes", machine.ramTotalBytes());
            m.put("cpu_cores", machine.cpuCores());
            m.put("os", machine.os());
            m.put("gpus", machine.gpus().stream().map(g -> Map.of("name", g.name(), "memory_total_bytes", g.totalBytes(),
                    "memory_free_bytes", g.freeBytes())).toList());
            m.put("model", "meta-llama/Llama-3.1-8B-Instruct");
            m.put("quant", est.quant());
            m.put("context", est.ctx());
            m.put("total_bytes", est.totalBytes());
            m.put("fit", fits ? (gpu ? "full_gpu" : "cpu_only") : "does_not_fit");
            m.put("warnings", machine.warnings());
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "This machine: %s, %d cores, %s RAM%n", machine.os(), machine.cpuCores(),
                    ByteSize.of(machine.ramTotalBytes()).toBinaryString());
            for (MachineProbe.Gpu g : machine.gpus()) {
                out.printf(Locale.ROOT, "  GPU %s: %s total, %s free%n", g.name(),
                        ByteSize.of(g.totalBytes()).toBinaryString(), ByteSize.of(g.freeBytes()).toBinaryString());
            }
            if (!gpu) {
                out.println("  no GPU found: planning for CPU and RAM");
            }
            out.printf(Locale.ROOT, "%nReference model meta-llama/Llama-3.1-8B-Instruct, Q4_K_M, 8K context: %s -> %s%n",
                    ByteSize.of(est.totalBytes()).toBinaryString(), fits ? "fits" : "does not fit");
            out.println("(ranking the whole catalog comes with the catalog; see ./runyard estimate --help)");
            for (String w : machine.warnings()) {
                out.println("warning: " + w);
            }
        }
        out.flush();
        return 0;
    }

    static HfConfig referenceConfig() {
        try (InputStream in = FitCommand.class.getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, "reference model config missing from the jar",
                        "rebuild Runyard");
            }
            return HfConfig.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "reference model");
        } catch (IOException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot read the reference model", "rebuild", e);
        }
    }

}
