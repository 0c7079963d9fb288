package dev.runyard.app.cli;

import dev.runyard.app.api.CalcTable;
import dev.runyard.app.api.PlanViews;
import dev.runyard.app.api.RadarList;
import dev.runyard.app.api.RadarRow;
import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import dev.runyard.app.store.RadarVisit;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.rank.QualityModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.Ranker;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runyard radar}: the newest releases in the store in the radar's one order ({@link RadarList}: by month,
 * newest first, ranked within a month for the given or detected hardware), each with its best plan there, or with
 * {@code --gpu-memory-gib} whether it fits that memory at Q4_K_M and 8K context. Releases first listed since the
 * previous recorded run on the same store are marked new.
 */
@Command(name = "radar", description = "Newest releases first (by month, each month ranked for the given or detected "
        + "hardware), how each fits there (its best variant), or --gpu-memory-gib at Q4_K_M, 8K context; those new "
        + "since the previous radar run on this store are marked.")
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
            description = "Only check whether each release fits this much memory, GiB, at Q4_K_M and 8K context "
                    + "(instead of its best plan on the given or detected hardware).")
    Double gpuMemoryGib;

    @Option(names = "--no-record", description = "Do not remember this run: marks stay relative to the previous "
            + "recorded run, and nothing is written to the store.")
    boolean noRecord;

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
        LocalDate from = since == null ? null : RadarList.since(since, LocalDate.now(ZoneOffset.UTC), "--since");
        Long memory = gpuMemoryGib == null ? null : memoryBytes(gpuMemoryGib);
        // With hardware (given or detected, unless --gpu-memory-gib asks for the plain memory check): how each fits.
        MachineResolver.Resolved machine = memory == null ? hardware.resolve() : null;
        try (CatalogStore store = CatalogStore.open(db.spec())) {
            Map<String, ModelRecord> records = new HashMap<>();
            store.models(ModelFilter.ALL).forEach(r -> records.put(r.id(), r));
            List<CatalogModel> all = records.values().parallelStream().map(r -> CatalogModels.of(r.catalogEntry()))
                    .sorted(java.util.Comparator.comparing(CatalogModel::id)).toList();
            Ranker ranker = new Ranker();
            Planner planner = ranker.planner();
            Map<String, Long> totals = new HashMap<>();
            Function<CatalogModel, Long> total = m -> m.arch() == null ? null
                    : totals.computeIfAbsent(m.id(), k -> CalcTable.requirementBytes(planner, m, QUANT, CTX));
            Function<CatalogModel, RadarList.Standing> judge;
            if (machine != null) {
                QualityModel qm = QualityModel.over(all);
                judge = m -> RadarList.Standing.on(m, m.arch() == null ? null
                        : ranker.best(m, machine.machine(), RankOptions.defaults(), qm));
            } else {
                judge = m -> new RadarList.Standing(m.arch() == null ? RadarList.Tier.UNKNOWN
                        : total.apply(m) <= memory ? RadarList.Tier.FITS : RadarList.Tier.DOES_NOT_FIT, 0, null);
            }
            List<RadarList.Item> items = RadarList.select(all, judge, from, false, from == null ? limit : Integer.MAX_VALUE);
            RadarVisit visit = visit(store, all);
            List<RadarRow> rows = new ArrayList<>();
            for (RadarList.Item i : items) {
                CatalogModel m = i.model();
                RadarList.Standing s = i.standing();
                String fit = switch (s.tier()) {
                    case FITS -> "fits";
                    case DOES_NOT_FIT -> "does_not_fit";
                    case UNKNOWN -> "unknown";
                };
                rows.add(new RadarRow(m.id(), m.name(), m.releaseDate(), records.get(m.id()).paramsTotal(),
                        fit, total.apply(m), s.best() == null ? null : PlanViews.ranked(s.best()),
                        visit != null && visit.fresh().contains(m.id())));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (common.json()) {
                out.println(Json.write(rows));
            } else {
                String on = memory != null ? RadarText.memoryLabel(QUANT, CTX, memory)
                        : "on " + (hardware.given() ? machine.description() : "this machine")
                        + " (best variant; each month ranked for it)";
                RadarText.print(out, rows, from, on, machine != null, visit);
            }
            out.flush();
        }
        return 0;
    }

    /** Who the CLI is in the store's visit log: one record per user, so users sharing a PostgreSQL store differ. */
    static String visitor() {
        String user = System.getProperty("user.name", "");
        return "cli:" + (user.length() > 100 ? user.substring(0, 100) : user);
    }

    /** What is new since the previous recorded run; a store that cannot record says so once and marks nothing. */
    private RadarVisit visit(CatalogStore store, List<CatalogModel> all) {
        try {
            return store.radarVisit(visitor(), all.stream().map(CatalogModel::id).toList(), Instant.now(),
                    Duration.ZERO, !noRecord);
        } catch (RunyardException e) {
            spec.commandLine().getErr().println("warning: new releases not marked: " + e.getMessage());
            return null;
        }
    }

    private static long memoryBytes(double gib) {
        if (!(gib > 0 && gib <= 65536)) {
            throw RunyardException.badInput("--gpu-memory-gib must be between 0 and 65536, got " + gib,
                    "e.g. --gpu-memory-gib 24");
        }
        return (long) (gib * (1L << 30));
    }
}
