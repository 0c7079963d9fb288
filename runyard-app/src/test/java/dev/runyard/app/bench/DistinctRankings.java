package dev.runyard.app.bench;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.plan.Planner;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.Ranker;
import dev.runyard.core.rank.UseCase;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one ranking of a machine never seen costs, in-process, as a server's ranker does it (sequential, one shared
 * planner): the machines of {@code bench/load/rank-distinct-2.txt} ranked once each with the general use case, timed
 * in thread CPU time (so other processes on the box do not count), after warm-up rankings of the same machines for
 * coding and of {@code rank-distinct-1.txt} (no cache is per machine). Not a test: run it from the repository root with
 * <pre>bench/jmh -h >/dev/null; java -cp "runyard-app/target/test-classes:runyard-app/target/classes:$(cat runyard-app/target/bench.cp)" dev.runyard.app.bench.DistinctRankings 5</pre>
 * (the argument is the number of warm-up rounds).
 */
public final class DistinctRankings {
    private DistinctRankings() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<CatalogModel> models = CatalogModels.bundled();
        Ranker ranker = new Ranker(new Planner(), false);
        ranker.warm(models);
        List<Machine> warm = machines("bench/load/rank-distinct-1.txt");
        List<Machine> measured = machines("bench/load/rank-distinct-2.txt");
        RankOptions coding = new RankOptions(UseCase.CODING, 0, 0, null, null, 20);
        for (int r = 0; r < rounds; r++) {
            measured.forEach(m -> ranker.rank(models, m, coding));
            warm.forEach(m -> ranker.rank(models, m, RankOptions.defaults()));
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // Allocation decides how often a server's young collections pause every request (docs/ranking.md).
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) cpu;
        double[] ms = new double[measured.size()];
        long allocated = 0;
        for (int i = 0; i < ms.length; i++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long a0 = alloc.getCurrentThreadAllocatedBytes();
            ranker.rank(models, measured.get(i), RankOptions.defaults());
            allocated += alloc.getCurrentThreadAllocatedBytes() - a0;
            ms[i] = (cpu.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        System.out.printf("distinct rankings: %d machines, CPU per ranking mean %.1f ms, p50 %.1f, p90 %.1f, max %.1f;"
                        + " allocated per ranking %.1f MB%n", ms.length, mean, ms[ms.length / 2],
                ms[(int) (ms.length * 0.9)], ms[ms.length - 1], allocated / 1e6 / ms.length);
    }

    /** The machines of a load file's /api/v1/rank?gpu=…&ram=… lines. */
    static List<Machine> machines(String file) throws Exception {
        List<Machine> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(file))) {
            String gpu = null;
            long ram = 32;
            for (String kv : line.substring(line.indexOf('?') + 1).split("&")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("gpu")) {
                    gpu = URLDecoder.decode(p[1], StandardCharsets.UTF_8);
                } else if (p[0].equals("ram")) {
                    ram = Long.parseLong(p[1]);
                }
            }
            out.add(MachineResolver.resolve(gpu, null, ram << 30).machine());
        }
        return out;
    }
}
