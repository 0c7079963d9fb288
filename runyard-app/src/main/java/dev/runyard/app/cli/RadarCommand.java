package dev.runyard.app.cli;

import dev.runyard.app.hardware.MachineProbe;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.core.error.RunyardException;
import dev.runyard.app.api.CalcTable;
import dev.runyard.app.api.PlanView;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.api.RadarRow;
import dev.runyard.app.catalog.CatalogChoice;
import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.units.ByteSize;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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

    @Option(names = "--since", paramLabel = "30d|DATE",
            description = "Releases since N days ago or since YYYY-MM-DD (default: the newest --limit releases in the "
                    + "catalog, whatever their age).")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "How many releases without --since (default: ${DEFAULT-VALUE}).")
    int limit;

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
        if (limit < 1 || limit > 10_000) {
            throw RunyardException.badInput("--limit must be 1 to 10,000", "e.g. --limit 20");
        }
        LocalDate from = since == null ? null : parseSince(since, LocalDate.now(ZoneOffset.UTC));
        long memory = memoryBytes();
        List<ModelRecord> models;
        try (CatalogStore store = CatalogStore.open(db.spec())) {
            models = new ArrayList<>(store.models(ModelFilter.ALL));
        }
        models.removeIf(m -> m.releaseDate() == null || from != null && m.releaseDate().compareTo(from.toString()) < 0);
        models.sort(Comparator.comparing(ModelRecord::releaseDate).reversed().thenComparing(ModelRecord::id));
        if (from == null && models.size() > limit) {
            // The newest releases the catalog knows, however old: a stale window never shows an empty radar.
            models = new ArrayList<>(models.subList(0, limit));
        }
        // With hardware (given or detected, unless --gpu-memory-gib asks for the plain memory check): how each fits.
        dev.runyard.app.hardware.MachineResolver.Resolved machine = gpuMemoryGib == null ? hardware.resolve() : null;
        Ranker ranker = new Ranker();
        List<CatalogModel> all = CatalogChoice.models(db.spec());
        QualityModel qm = machine == null ? null : QualityModel.over(all);
        Planner planner = ranker.planner();
        List<RadarRow> rows = new ArrayList<>();
        for (ModelRecord m : models) {
            CatalogModel cm = all.stream().filter(c -> c.id().equals(m.id())).findFirst()
                    .orElseGet(() -> CatalogModels.of(m.catalogEntry()));
            Long total = cm.arch() == null ? null : CalcTable.requirementBytes(planner, cm, QUANT, CTX);
            String fit = total == null ? "unknown" : total <= memory ? "fits" : "does_not_fit";
            PlanView bestView = null;
            if (machine != null) {
                RankedResult best = cm.arch() == null ? null
                        : ranker.best(cm, machine.machine(), RankOptions.defaults(), qm);
                fit = cm.arch() == null ? "unknown" : best == null ? "does_not_fit" : "fits";
                bestView = best == null ? null : PlanViews.ranked(best);
            }
            rows.add(new RadarRow(m.id(), m.name(), m.releaseDate(), m.paramsTotal(), fit, total, bestView));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(rows));
        } else {
            out.printf(Locale.ROOT, "%s; fit %s%n", from == null ? "The " + rows.size() + " newest releases in the catalog"
                    : "Released since " + from, gpuMemoryGib == null
                    ? "on " + (hardware.given() ? hardware.resolve().description() : "this machine") + " (best variant)"
                    : String.format(Locale.ROOT, "at %s, %dK context in %s", QUANT, CTX / 1024,
                    ByteSize.of(memory).toBinaryString()));
            int w = 40; // a longer id is never cut: it gets a line of its own
            String fmt = "%-10s %-" + w + "s %7s %10s  %-12s %s%n";
            out.printf(Locale.ROOT, fmt, "RELEASED", "ID", "PARAMS", "MEMORY", "FIT", machine == null ? "" : "BEST HERE");
            for (RadarRow r : rows) {
                PlanView best = r.bestVariant();
                Long t = best != null ? Long.valueOf(best.totalBytes()) : r.totalBytes();
                String how = best == null ? "" : best.quant() + " " + (best.context() / 1024) + "K "
                        + best.decodeTokensPerS() + " tok/s";
                StringBuilder idLine = new StringBuilder();
                String id = ModelsView.id(idLine, r.id(), w, "           ");
                out.print(idLine);
                out.printf(Locale.ROOT, fmt, r.releaseDate(), id, ModelsView.params(r.paramsTotal()),
                        t == null ? "-" : String.format(Locale.ROOT, "%.1f GiB", t / (double) (1L << 30)), r.fit(), how);
            }
            out.printf("%d models%n", rows.size());
        }
        out.flush();
        return 0;
    }

    static LocalDate parseSince(String s, LocalDate today) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d{1,5}d")) {
                return today.minusDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            LocalDate d = LocalDate.parse(t);
            if (d.isAfter(today)) {
                throw RunyardException.badInput("--since " + s.trim() + " is in the future (today is " + today + ")",
                        "e.g. --since 30d or --since 2025-01-01");
            }
            return d;
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
