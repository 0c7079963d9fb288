package dev.runyard.core.hardware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses Linux {@code /proc/meminfo} and {@code /proc/cpuinfo}, and names the CPU instruction-set extensions that
 * inference kernels use. Pure functions; broken input becomes a warning.
 */
public final class SystemProbeParsers {
    /** Raw flag (x86 {@code flags}, ARM {@code Features}) → the name Runyard reports, in reporting order. */
    private static final Map<String, String> ISA = new LinkedHashMap<>();

    static {
        ISA.put("sse4_2", "sse4.2");
        ISA.put("avx", "avx");
        ISA.put("f16c", "f16c");
        ISA.put("fma", "fma");
        ISA.put("avx2", "avx2");
        ISA.put("avx_vnni", "avx_vnni");
        ISA.put("avx512f", "avx512");
        ISA.put("avx512_vnni", "avx512_vnni");
        ISA.put("avx512_bf16", "avx512_bf16");
        ISA.put("avx512_fp16", "avx512_fp16");
        ISA.put("amx_tile", "amx");
        ISA.put("amx_bf16", "amx_bf16");
        ISA.put("amx_int8", "amx_int8");
        ISA.put("neon", "neon");
        ISA.put("asimd", "neon");
        ISA.put("asimdhp", "fp16");
        ISA.put("asimddp", "dotprod");
        ISA.put("i8mm", "i8mm");
        ISA.put("bf16", "bf16");
        ISA.put("sve", "sve");
        ISA.put("sve2", "sve2");
        ISA.put("sme", "sme");
    }

    /** RAM as {@code /proc/meminfo} tells it, in bytes. */
    public record Meminfo(long totalBytes, long availableBytes) {
    }

    private SystemProbeParsers() {
    }

    /** MemTotal and MemAvailable (kB, which the kernel means as KiB); without MemAvailable, MemFree + Buffers + Cached. */
    public static Meminfo parseMeminfo(String text, List<String> warnings) {
        Map<String, Long> kb = new LinkedHashMap<>();
        for (String line : GpuProbeParsers.lines(text)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (value.endsWith("kB")) {
                value = value.substring(0, value.length() - 2).strip();
            }
            OptionalLong n = ProbeText.times(ProbeText.parseLong(value), 1024);
            if (n.isPresent()) {
                kb.put(line.substring(0, colon), n.getAsLong());
            }
        }
        long total = kb.getOrDefault("MemTotal", 0L);
        if (total == 0) {
            ProbeText.warn(warnings, "/proc/meminfo has no readable MemTotal");
        }
        Long available = kb.get("MemAvailable");
        if (available == null) {
            available = kb.getOrDefault("MemFree", 0L) + kb.getOrDefault("Buffers", 0L) + kb.getOrDefault("Cached", 0L);
            if (total > 0) {
                ProbeText.warn(warnings, "/proc/meminfo has no MemAvailable; estimated from MemFree + Buffers + Cached");
            }
        }
        return new Meminfo(total, Math.min(total, available));
    }

    /**
     * Model name, cores and ISA from {@code /proc/cpuinfo}. Logical cores count the {@code processor} entries;
     * physical cores count distinct (physical id, core id) pairs, or equal the logical count where the kernel prints
     * no topology (ARM). ISA comes from the first {@code flags} or {@code Features} line.
     */
    public static CpuInfo parseCpuinfo(String text, List<String> warnings) {
        String model = null;
        String flags = null;
        int logical = 0;
        Set<String> cores = new HashSet<>();
        String physicalId = "0";
        for (String line : GpuProbeParsers.lines(text)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> logical++;
                case "model name", "cpu model", "hardware" -> model = model == null && !value.isEmpty() ? value : model;
                case "flags", "features" -> flags = flags == null ? value : flags;
                case "physical id" -> physicalId = value;
                case "core id" -> cores.add(physicalId + "/" + value);
                default -> {
                }
            }
        }
        if (logical == 0) {
            ProbeText.warn(warnings, "/proc/cpuinfo lists no processor");
        }
        if (flags == null && logical > 0) {
            ProbeText.warn(warnings, "/proc/cpuinfo has no flags line: CPU extensions unknown");
        }
        int physical = cores.isEmpty() ? logical : Math.min(cores.size(), logical);
        List<String> isa = flags == null ? List.of() : normalizeIsa(List.of(flags.split("\\s+")));
        return new CpuInfo(model, physical, logical, isa);
    }

    /** The extensions Runyard reports, in a fixed order, from raw flag names of any case. */
    public static List<String> normalizeIsa(Collection<String> rawFlags) {
        Set<String> raw = new HashSet<>();
        for (String f : rawFlags) {
            raw.add(f.strip().toLowerCase(Locale.ROOT));
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : ISA.entrySet()) {
            if (raw.contains(e.getKey()) && !out.contains(e.getValue())) {
                out.add(e.getValue());
            }
        }
        return out;
    }
}
