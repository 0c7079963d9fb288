package dev.runyard.core.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Parses what GPU tools print, captured as text: {@code nvidia-smi} (GPUs and the processes that hold them),
 * {@code rocm-smi --json} and Linux {@code /sys/class/drm}. Pure functions; broken or truncated input becomes a
 * warning in the given list, never an exception. Apple output is read by {@link AppleProbeParsers}, RAM and CPU by
 * {@link SystemProbeParsers}.
 */
public final class GpuProbeParsers {
    /** The query {@link #parseNvidiaSmi} expects, in this column order. */
    public static final List<String> NVIDIA_SMI_GPUS = List.of("nvidia-smi",
            "--query-gpu=index,name,memory.total,memory.used,memory.free,driver_version", "--format=csv,noheader,nounits");
    /** The query {@link #parseNvidiaComputeApps} expects. */
    public static final List<String> NVIDIA_SMI_APPS = List.of("nvidia-smi",
            "--query-compute-apps=pid,process_name,used_memory", "--format=csv,noheader,nounits");
    public static final List<String> ROCM_SMI = List.of("rocm-smi", "--showproductname", "--showmeminfo", "vram", "--json");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MIB = 1L << 20;

    private GpuProbeParsers() {
    }

    /** {@code index, name, memory.total, memory.used, memory.free, driver_version} per line, memory in MiB. */
    public static List<GpuDevice> parseNvidiaSmi(String output, List<String> warnings) {
        List<GpuDevice> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(output)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("No devices were found")) {
                continue;
            }
            if (!Character.isDigit(line.charAt(0))) {
                ProbeText.warn(warnings, "nvidia-smi says: " + ProbeText.quote(line));
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 6) {
                ProbeText.warn(warnings, "nvidia-smi line " + lineNo + " is incomplete, skipped: " + ProbeText.quote(line));
                continue;
            }
            int n = f.length;
            OptionalLong index = ProbeText.parseLong(f[0]);
            String name = String.join(",", Arrays.copyOfRange(f, 1, n - 4)).strip();
            if (index.isEmpty() || index.getAsLong() > 4096 || name.isEmpty()) {
                ProbeText.warn(warnings, "nvidia-smi line " + lineNo + " is unreadable, skipped: " + ProbeText.quote(line));
                continue;
            }
            OptionalLong total = ProbeText.times(ProbeText.parseLong(f[n - 4]), MIB);
            OptionalLong used = ProbeText.times(ProbeText.parseLong(f[n - 3]), MIB);
            OptionalLong free = ProbeText.times(ProbeText.parseLong(f[n - 2]), MIB);
            if (total.isEmpty()) {
                ProbeText.warn(warnings, "nvidia-smi gives no memory size for GPU " + index.getAsLong() + " (" + name
                        + "): " + ProbeText.quote(f[n - 4]));
            }
            long t = total.orElse(0);
            long fr = free.isPresent() ? free.getAsLong() : used.isPresent() ? Math.max(0, t - used.getAsLong()) : t;
            String driver = f[n - 1].strip();
            out.add(new GpuDevice((int) index.getAsLong(), name, GpuVendor.NVIDIA, null, t, fr, Backend.CUDA,
                    driver.isEmpty() || driver.startsWith("[") ? null : driver));
        }
        return out;
    }

    /** {@code pid, process_name, used_memory} per line, memory in MiB ("[N/A]" on some drivers: 0). */
    public static List<GpuProcess> parseNvidiaComputeApps(String output, List<String> warnings) {
        List<GpuProcess> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(output)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("No running")) {
                continue;
            }
            String[] f = line.split(",", -1);
            OptionalLong pid = f.length >= 3 ? ProbeText.parseLong(f[0]) : OptionalLong.empty();
            if (pid.isEmpty()) {
                ProbeText.warn(warnings, "nvidia-smi process line " + lineNo + " is unreadable, skipped: "
                        + ProbeText.quote(line));
                continue;
            }
            String name = String.join(",", Arrays.copyOfRange(f, 1, f.length - 1)).strip();
            long used = ProbeText.times(ProbeText.parseLong(f[f.length - 1]), MIB).orElse(0);
            out.add(new GpuProcess(pid.getAsLong(), name, used));
        }
        return out;
    }

    /**
     * {@code rocm-smi --showproductname --showmeminfo vram --json}: one object per {@code cardN} with "Card Series"
     * (or "Card series"), "VRAM Total Memory (B)" and "VRAM Total Used Memory (B)"; text before the JSON is ignored.
     */
    public static List<GpuDevice> parseRocmSmi(String output, List<String> warnings) {
        List<GpuDevice> out = new ArrayList<>();
        int start = output == null ? -1 : output.indexOf('{');
        if (start < 0) {
            if (output != null && !output.isBlank()) {
                ProbeText.warn(warnings, "rocm-smi printed no JSON: " + ProbeText.quote(output));
            }
            return out;
        }
        JsonNode root;
        try {
            root = JSON.readTree(output.substring(start));
        } catch (JsonProcessingException e) {
            ProbeText.warn(warnings, "rocm-smi printed unreadable JSON: " + ProbeText.quote(e.getOriginalMessage()));
            return out;
        }
        if (root == null || !root.isObject()) {
            ProbeText.warn(warnings, "rocm-smi printed JSON that is not an object");
            return out;
        }
        String driver = field(root.path("system"), "driver version");
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches("card\\d{1,4}") || !e.getValue().isObject()) {
                continue;
            }
            JsonNode card = e.getValue();
            int index = Integer.parseInt(e.getKey().substring(4));
            String name = firstNonBlank(field(card, "card series"), field(card, "device name"), field(card, "card model"));
            OptionalLong total = ProbeText.parseLong(field(card, "vram total memory (b)"));
            OptionalLong used = ProbeText.parseLong(field(card, "vram total used memory (b)"));
            if (name == null) {
                name = "AMD GPU " + index;
            }
            if (total.isEmpty()) {
                ProbeText.warn(warnings, "rocm-smi gives no VRAM size for " + e.getKey() + " (" + name + ")");
            }
            long t = total.orElse(0);
            out.add(new GpuDevice(index, name, GpuVendor.AMD, null, t, Math.max(0, t - used.orElse(0)), Backend.ROCM,
                    driver));
        }
        return out;
    }

    /**
     * Linux DRM sysfs, as a map from paths under {@code /sys/class/drm} ("card0/device/vendor") to file contents.
     * Reads {@code vendor}, {@code device}, {@code product_name}, {@code mem_info_vram_total} and
     * {@code mem_info_vram_used} (amdgpu; bytes). GPUs without those files get 0 bytes.
     */
    public static List<GpuDevice> parseDrmSysfs(Map<String, String> files, List<String> warnings) {
        Map<Integer, Map<String, String>> cards = new TreeMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            String[] p = e.getKey().split("/");
            if (p.length == 3 && p[0].matches("card\\d{1,4}") && p[1].equals("device")) {
                cards.computeIfAbsent(Integer.parseInt(p[0].substring(4)), k -> new TreeMap<>())
                        .put(p[2], e.getValue() == null ? "" : e.getValue().strip());
            }
        }
        List<GpuDevice> out = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> c : cards.entrySet()) {
            Map<String, String> f = c.getValue();
            String card = "card" + c.getKey();
            if (!f.containsKey("vendor")) {
                continue;
            }
            GpuVendor vendor = GpuVendor.of(f.get("vendor"));
            String name = firstNonBlank(f.get("product_name"),
                    vendorName(vendor) + " GPU " + f.getOrDefault("device", card).toLowerCase(Locale.ROOT));
            long total = 0;
            long used = 0;
            if (f.containsKey("mem_info_vram_total")) {
                OptionalLong t = ProbeText.parseLong(f.get("mem_info_vram_total"));
                if (t.isEmpty()) {
                    ProbeText.warn(warnings, card + " mem_info_vram_total is unreadable: "
                            + ProbeText.quote(f.get("mem_info_vram_total")));
                }
                total = t.orElse(0);
                used = ProbeText.parseLong(f.get("mem_info_vram_used")).orElse(0);
            }
            Backend backend = vendor == GpuVendor.AMD ? Backend.ROCM
                    : vendor == GpuVendor.NVIDIA ? Backend.CUDA : Backend.VULKAN;
            out.add(new GpuDevice(c.getKey(), name, vendor, null, total, Math.max(0, total - used), backend, null));
        }
        return out;
    }

    static List<String> lines(String output) {
        return output == null ? List.of() : output.lines().map(String::strip).toList();
    }

    private static String vendorName(GpuVendor v) {
        return switch (v) {
            case NVIDIA -> "NVIDIA";
            case AMD -> "AMD";
            case INTEL -> "Intel";
            case APPLE -> "Apple";
            case OTHER -> "Unknown";
        };
    }

    /** A text field looked up without regard to case ("Card series" and "Card Series" both occur). */
    private static String field(JsonNode obj, String lowerName) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().toLowerCase(Locale.ROOT).equals(lowerName) && e.getValue().isValueNode()) {
                String s = e.getValue().asText().strip();
                return s.isEmpty() || s.equalsIgnoreCase("N/A") ? null : s;
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
