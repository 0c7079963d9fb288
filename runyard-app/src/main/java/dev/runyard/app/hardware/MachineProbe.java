package dev.runyard.app.hardware;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Looks at this machine: total RAM from the JVM's OS bean, NVIDIA GPUs from {@code nvidia-smi} when present.
 * Never throws: a failed probe becomes a warning and the profile says CPU only.
 */
public final class MachineProbe {
    /** One detected GPU. */
    public record Gpu(String name, long totalBytes, long freeBytes) {
    }

    /** What was found, with what could not be probed. */
    public record Profile(long ramTotalBytes, String os, int cpuCores, List<Gpu> gpus, List<String> warnings) {
    }

    private MachineProbe() {
    }

    public static Profile probe() {
        List<String> warnings = new ArrayList<>();
        long ram = 0;
        try {
            ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            warnings.add("could not read total RAM: " + e.getMessage());
        }
        List<Gpu> gpus = nvidiaGpus(warnings);
        return new Profile(ram, System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), gpus, warnings);
    }

    static List<Gpu> nvidiaGpus(List<String> warnings) {
        List<String> lines = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total,memory.free",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && lines.size() < 64) {
                    lines.add(line);
                }
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                warnings.add("nvidia-smi did not answer within 5 s");
                return List.of();
            }
            if (p.exitValue() != 0) {
                return List.of();
            }
        } catch (java.io.IOException e) {
            return List.of(); // no nvidia-smi: no NVIDIA GPU to report
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return parseNvidiaSmi(lines, warnings);
    }

    /** Parses {@code name, memory.total [MiB], memory.free [MiB]} lines; malformed lines become warnings. */
    public static List<Gpu> parseNvidiaSmi(List<String> lines, List<String> warnings) {
        List<Gpu> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length < 3) {
                if (!line.isBlank()) {
                    warnings.add("unreadable nvidia-smi line: " + line.strip());
                }
                continue;
            }
            try {
                long total = Long.parseLong(f[f.length - 2].trim()) << 20;
                long free = Long.parseLong(f[f.length - 1].trim()) << 20;
                String name = String.join(",", java.util.Arrays.copyOf(f, f.length - 2)).trim();
                out.add(new Gpu(name, total, free));
            } catch (NumberFormatException e) {
                warnings.add("unreadable nvidia-smi line: " + line.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
