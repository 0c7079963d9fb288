package dev.runyard.app.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runyard.app.store.DbSpec;
import dev.runyard.core.hardware.CpuInfo;
import dev.runyard.core.plan.HostCpu;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * This machine's CPU as a plan's host: threads and SIMD level from detection, RAM bandwidth measured once by
 * {@link BandwidthProbe} and kept with its date in {@code host-probe.json} beside the default catalog store. The
 * measurement belongs to the host, not to the catalog: a PostgreSQL store shared by many machines must not carry one
 * machine's bandwidth. It is measured again when the CPU changes or after {@value #MAX_AGE_DAYS} days. The system
 * property {@code runyard.probe=off} (set for the test suite) skips measuring and assumes a desktop instead.
 */
public final class HostProbe {
    static final int MAX_AGE_DAYS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile HostCpu cached;

    private HostProbe() {
    }

    /** The host CPU of this machine; measures (about a second) when no fresh measurement is kept. */
    public static HostCpu thisMachine(CpuInfo cpu, long ramBytes) {
        HostCpu c = cached;
        if (c != null) {
            return c;
        }
        int threads = cpu.physicalCores() > 0 ? cpu.physicalCores() : Math.max(1, cpu.logicalCores());
        List<String> isa = cpu.isa().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        if ("off".equals(System.getProperty("runyard.probe"))) {
            HostCpu d = HostCpu.desktop();
            return new HostCpu(threads, isa.isEmpty() ? d.isa() : isa, d.ramBandwidthGbs(), 0,
                    "assumed: dual-channel DDR5-5600 (89.6 GB/s); measuring is off");
        }
        Path store = DbSpec.resolve(null).file();
        Path file = store == null ? null : store.resolveSibling("host-probe.json");
        String key = cpu.model() + "|" + threads;
        HostCpu kept = read(file, key, threads, isa);
        if (kept == null) {
            double gbs = BandwidthProbe.measure(Math.max(threads, cpu.logicalCores()), ramBytes);
            String today = LocalDate.now().toString();
            kept = HostCpu.measured(threads, isa, gbs, today);
            write(file, key, gbs, today);
        }
        cached = kept;
        return kept;
    }

    private static HostCpu read(Path file, String key, int threads, List<String> isa) {
        try {
            if (file == null || !Files.isRegularFile(file) || Files.size(file) > 64 << 10) {
                return null;
            }
            JsonNode n = JSON.readTree(file.toFile());
            LocalDate when = LocalDate.parse(n.path("date").asText(""));
            double gbs = n.path("copy_gbs").asDouble(0);
            if (!key.equals(n.path("cpu").asText()) || !(gbs > 0 && gbs < 100_000)
                    || when.isBefore(LocalDate.now().minusDays(MAX_AGE_DAYS))) {
                return null;
            }
            return HostCpu.measured(threads, isa, gbs, when.toString());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged file is measured again
        }
    }

    private static void write(Path file, String key, double gbs, String date) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            ObjectNode o = JSON.createObjectNode().put("cpu", key).put("copy_gbs", gbs).put("date", date);
            Path tmp = Files.createTempFile(file.getParent(), "host-probe", ".tmp");
            Files.writeString(tmp, o.toString());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Not kept: measured again next time; the plan still uses this measurement.
        }
    }
}
