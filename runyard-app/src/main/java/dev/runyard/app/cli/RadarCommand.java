package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineProbe;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.EstimateRequest;
import dev.runyard.core.estimate.MemoryEstimator;
import dev.runyard.core.format.hfconfig.HfConfig;
import dev.runyard.core.model.ArchitectureReader;
import dev.runyard.core.quant.Quant;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runyard radar}: the newest releases in the store, newest first, each with whether it fits the given memory
 * at Q4_K_M and 8K context (core's estimator; models without a config are "unknown").
 */
@Command(name = "radar", description = "Newest releases first, and how each fits the given or detected hardware "
        + "(its best variant), or --gpu-memory-gib at Q4_K_M, 8K context.")
public final class RadarCommand implements Callable<Integer> {
    /** The reference setting of the radar: the most common local quantization and a working context. */
    static final String QUANT = "Q4_K_M";
    static final long CTX = 8192;

    @Option(names = "--since", paramLabel = "30d|DATE", defaultValue = "30d",
            description = "Releases since N days ago or since YYYY-MM-DD (default: ${DEFAULT-VALUE}).")
    String since;

    @Option(names = "--gpu-memory-gib", paramLabel = "G",
            description = "Memory to fit in, GiB (default: this machine's largest GPU, else its RAM).")
    Double gpuMemoryGib;

    @Mixin
    HardwareOptions hardware;

    @Mixin
    DbOption db;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate from = parseSince(since, LocalDate.now(ZoneOffset.UTC));
        long memory = memoryBytes();
        List<ModelRecord> models;
        try (CatalogStore store = CatalogStore.open(db.spec())) {
            models = new ArrayList<>(store.models(ModelFilter.ALL));
        }
        models.removeIf(m -> m.releaseDate() == null || m.releaseDate().compareTo(from.toString()) < 0);
        models.sort(Comparator.comparing(ModelRecord::releaseDate).reversed().thenComparing(ModelRecord::id));
        // With hardware (given or detected, unless --gpu-memory-gib asks for the plain memory check): how each fits.
        dev.runyard.app.rank.MachineResolver.Resolved machine = gpuMemoryGib == null ? hardware.resolve() : null;
        dev.runyard.core.rank.Ranker ranker = new dev.runyard.core.rank.Ranker();
        List<dev.runyard.core.catalog.CatalogModel> all = machine == null ? List.of()
                : dev.runyard.app.rank.CatalogChoice.models(db.spec());
        dev.runyard.core.rank.QualityModel qm = machine == null ? null : dev.runyard.core.rank.QualityModel.over(all);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ModelRecord m : models) {
            Long total = totalBytes(m);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", m.id());
            r.put("name", m.name());
            r.put("release_date", m.releaseDate());
            r.put("params_total", m.paramsTotal());
            r.put("fit", total == null ? "unknown" : total <= memory ? "fits" : "does_not_fit");
            r.put("total_bytes", total);
            if (machine != null) {
                dev.runyard.core.rank.RankedResult best = all.stream().filter(c -> c.id().equals(m.id()) && c.arch() != null)
                        .findFirst().map(c -> ranker.best(c, machine.machine(),
                                dev.runyard.core.rank.RankOptions.defaults(), qm)).orElse(null);
                r.put("fit", !m.hasConfig() ? "unknown" : best == null ? "does_not_fit" : "fits");
                r.put("best_variant", best == null ? null : dev.runyard.app.api.PlanViews.ranked(best));
            }
            rows.add(r);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(rows));
        } else {
            out.printf(Locale.ROOT, "Released since %s; fit %s%n", from, gpuMemoryGib == null
                    ? "on " + (hardware.given() ? hardware.resolve().description() : "this machine") + " (best variant)"
                    : String.format(Locale.ROOT, "at %s, %dK context in %s", QUANT, CTX / 1024,
                    ByteSize.of(memory).toBinaryString()));
            String fmt = "%-10s %-40s %7s %10s  %-12s %s%n";
            out.printf(Locale.ROOT, fmt, "RELEASED", "ID", "PARAMS", "MEMORY", "FIT", machine == null ? "" : "BEST HERE");
            for (Map<String, Object> r : rows) {
                Long t = (Long) r.get("total_bytes");
                @SuppressWarnings("unchecked")
                Map<String, Object> best = (Map<String, Object>) r.get("best_variant");
                if (best != null) {
                    t = (Long) best.get("total_bytes");
                }
                String how = best == null ? "" : best.get("quant") + " " + ((Long) best.get("context") / 1024) + "K "
                        + best.get("decode_tokens_per_s") + " tok/s";
                out.printf(Locale.ROOT, fmt, r.get("release_date"), ModelsView.cut((String) r.get("id"), 40),
                        ModelsView.params((Long) r.get("params_total")),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f GiB", t / (double) (1L << 30)), r.get("fit"),
                        how);
            }
            out.printf("%d models%n", rows.size());
        }
        out.flush();
        return 0;
    }

    /** Total bytes at the radar's setting, or null without a usable config. */
    static Long totalBytes(ModelRecord m) {
        if (!m.hasConfig()) {
            return null;
        }
        try {
            EstimateRequest req = EstimateRequest.builder(Quant.parse(QUANT)).ctx(CTX).build();
            return MemoryEstimator.estimate(ArchitectureReader.read(HfConfig.of(m.config(), m.id())), req).totalBytes();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static LocalDate parseSince(String s, LocalDate today) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,5}d")) {
                return today.minusDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw RunyardException.badInput("--since must be Nd or YYYY-MM-DD, got \"" + s + "\"",
                    "e.g. --since 30d or --since 2025-01-01");
        }
    }

    private long memoryBytes() {
        if (gpuMemoryGib == null && hardware.given()) {
            return hardware.resolve().machine().usableGpuBytesTotal();
        }
        if (gpuMemoryGib != null) {
            if (!(gpuMemoryGib > 0 && gpuMemoryGib <= 65536)) {
                throw RunyardException.badInput("--gpu-memory-gib must be between 0 and 65536, got " + gpuMemoryGib,
                        "e.g. --gpu-memory-gib 24");
            }
            return (long) (gpuMemoryGib * (1L << 30));
        }
        MachineProbe.Profile p = MachineProbe.probe();
        return p.gpus().stream().mapToLong(MachineProbe.Gpu::totalBytes).max().orElse(p.ramTotalBytes());
    }
}
