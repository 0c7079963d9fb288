package dev.runyard.core.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses macOS output: {@code system_profiler SPDisplaysDataType -json} and
 * {@code sysctl -n hw.memsize machdep.cpu.brand_string hw.perflevel0.physicalcpu}. Apple silicon GPUs get the
 * unified-memory GPU limit as their memory ({@link UnifiedMemory}). Broken input becomes a warning.
 */
public final class AppleProbeParsers {
    public static final List<String> SYSTEM_PROFILER = List.of("system_profiler", "SPDisplaysDataType", "-json");
    public static final List<String> SYSCTL = List.of("sysctl", "-n", "hw.memsize", "machdep.cpu.brand_string",
            "hw.perflevel0.physicalcpu");
    public static final List<String> SYSCTL_WIRED_LIMIT = List.of("sysctl", "-n", "iogpu.wired_limit_mb");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VRAM = Pattern.compile("(\\d{1,6})\\s*(MB|GB)", Pattern.CASE_INSENSITIVE);

    /** What the sysctl call told: RAM in bytes (0 if missing), CPU brand (null if missing), performance cores. */
    public record Sysctl(long memBytes, String cpuBrand, int performanceCores) {
    }

    private AppleProbeParsers() {
    }

    /**
     * The values come one per line in the order asked; a name macOS does not know (hw.perflevel0 on Intel Macs) is
     * left out, so lines are taken by shape: the first number is hw.memsize, the text line the CPU brand, the second
     * number the performance-core count.
     */
    public static Sysctl parseSysctl(String output, List<String> warnings) {
        long mem = 0;
        String brand = null;
        int perf = 0;
        int numbers = 0;
        for (String line : GpuProbeParsers.lines(output)) {
            if (line.isEmpty()) {
                continue;
            }
            OptionalLong n = ProbeText.parseLong(line);
            if (n.isPresent() && numbers == 0) {
                mem = n.getAsLong();
                numbers++;
            } else if (n.isPresent() && numbers == 1) {
                perf = (int) Math.min(n.getAsLong(), 4096);
                numbers++;
            } else if (n.isEmpty() && brand == null && !line.startsWith("sysctl:")) {
                brand = line;
            } else {
                ProbeText.warn(warnings, "unexpected sysctl line: " + ProbeText.quote(line));
            }
        }
        if (mem == 0) {
            ProbeText.warn(warnings, "sysctl gives no hw.memsize");
        }
        return new Sysctl(mem, brand, perf);
    }

    /** {@code sysctl -n iogpu.wired_limit_mb}: the limit in MiB, 0 when unset or unreadable. */
    public static long parseWiredLimitMb(String output) {
        return ProbeText.parseLong(output == null ? null : output.strip()).orElse(0);
    }

    /**
     * GPUs from {@code system_profiler SPDisplaysDataType -json}. Apple GPUs are named with their core count as the
     * accelerator database spells them ("Apple M3 Max (40-core GPU)") and get {@code memory}'s GPU limit; discrete
     * GPUs of Intel Macs get their {@code spdisplays_vram}.
     */
    public static List<GpuDevice> parseSystemProfiler(String output, UnifiedMemory memory, List<String> warnings) {
        List<GpuDevice> out = new ArrayList<>();
        if (output == null || output.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            ProbeText.warn(warnings, "system_profiler printed unreadable JSON: " + ProbeText.quote(e.getOriginalMessage()));
            return out;
        }
        JsonNode list = root == null ? null : root.get("SPDisplaysDataType");
        if (list == null || !list.isArray()) {
            ProbeText.warn(warnings, "system_profiler output has no SPDisplaysDataType list");
            return out;
        }
        for (JsonNode gpu : list) {
            String model = text(gpu, "sppci_model", text(gpu, "_name", null));
            if (model == null) {
                ProbeText.warn(warnings, "system_profiler lists a display device without a model name");
                continue;
            }
            String vendorText = text(gpu, "spdisplays_vendor", model);
            GpuVendor vendor = GpuVendor.of(vendorText.contains("Apple") || model.startsWith("Apple") ? "apple" : vendorText);
            String driver = text(gpu, "spdisplays_mtlgpufamilysupport", null);
            if (driver != null) {
                driver = driver.replace("spdisplays_", "");
            }
            if (vendor == GpuVendor.APPLE) {
                String cores = text(gpu, "sppci_cores", null);
                String name = cores != null && cores.matches("\\d{1,3}") ? model + " (" + cores + "-core GPU)" : model;
                long limit = memory == null ? 0 : memory.gpuLimitBytes();
                if (memory == null || memory.ramBytes() == 0) {
                    ProbeText.warn(warnings, "RAM size unknown: " + name + " memory not set");
                }
                out.add(new GpuDevice(out.size(), name, vendor, null, limit, limit, Backend.METAL, driver));
            } else {
                long vram = vramBytes(text(gpu, "spdisplays_vram", text(gpu, "spdisplays_vram_shared", "")));
                out.add(new GpuDevice(out.size(), model, vendor, null, vram, vram, Backend.METAL, driver));
            }
        }
        return out;
    }

    private static long vramBytes(String text) {
        Matcher m = VRAM.matcher(text);
        if (!m.find()) {
            return 0;
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).toUpperCase(Locale.ROOT).equals("GB") ? n << 30 : n << 20;
    }

    private static String text(JsonNode obj, String field, String fallback) {
        JsonNode v = obj.get(field);
        return v != null && v.isValueNode() && !v.asText().isBlank() ? v.asText().strip() : fallback;
    }
}
