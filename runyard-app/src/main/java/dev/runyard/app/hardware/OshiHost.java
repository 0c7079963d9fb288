package dev.runyard.app.hardware;

import dev.runyard.core.hardware.CpuInfo;
import dev.runyard.core.hardware.SystemProbeParsers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/** CPU, RAM and OS from OSHI, which reads them portably (Linux, macOS, Windows). */
final class OshiHost {
    /** What OSHI told; zeros and "unknown" where it could not tell. */
    record Facts(CpuInfo cpu, long ramTotalBytes, long ramAvailableBytes, String os) {
        static final Facts NONE = new Facts(CpuInfo.UNKNOWN, 0, 0, null);
    }

    private OshiHost() {
    }

    static Facts read(List<String> warnings) {
        try {
            SystemInfo si = new SystemInfo();
            CentralProcessor p = si.getHardware().getProcessor();
            GlobalMemory m = si.getHardware().getMemory();
            CpuInfo cpu = new CpuInfo(p.getProcessorIdentifier().getName(), Math.max(0, p.getPhysicalProcessorCount()),
                    Math.max(0, p.getLogicalProcessorCount()), SystemProbeParsers.normalizeIsa(flagTokens(p)));
            return new Facts(cpu, Math.max(0, m.getTotal()), Math.max(0, m.getAvailable()),
                    si.getOperatingSystem().toString());
        } catch (RuntimeException | LinkageError e) {
            warnings.add("could not read CPU and RAM through OSHI: " + e.getClass().getSimpleName());
            return Facts.NONE;
        }
    }

    /**
     * OSHI's feature flags: {@code /proc/cpuinfo} flag lines on Linux, {@code PF_AVX2_INSTRUCTIONS_AVAILABLE}-style
     * names on Windows; both become plain tokens ("avx2").
     */
    private static List<String> flagTokens(CentralProcessor p) {
        List<String> tokens = new ArrayList<>();
        for (String line : p.getFeatureFlags()) {
            for (String t : line.toLowerCase(Locale.ROOT).split("[\\s:]+")) {
                tokens.add(t.replaceFirst("^pf_", "").replaceFirst("_instructions?_available$", ""));
            }
        }
        return tokens;
    }
}
