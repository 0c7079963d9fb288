package dev.runyard.app.bench;

import dev.runyard.app.catalog.CatalogModels;
import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.plan.Machine;
import dev.runyard.core.catalog.CatalogModel;
import dev.runyard.core.rank.RankOptions;
import dev.runyard.core.rank.RankedResult;
import dev.runyard.core.rank.Ranker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ranking the whole catalog (every model × GGUF quants × contexts, placed and timed) for one hardware profile,
 * warm (the ranker's weight cache filled). Run with {@code bench/jmh RankBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RankBenchmark {
    @Param({"RTX 4090", "2x RTX 3090", "M3 Max 64GB", "8x H200"})
    public String gpu;

    private List<CatalogModel> models;
    private Machine machine;
    private Ranker ranker;

    @Setup
    public void setUp() {
        models = CatalogModels.bundled();
        machine = MachineResolver.resolve(gpu, null, 64L << 30).machine();
        ranker = new Ranker();
        ranker.rank(models, machine, RankOptions.defaults());
    }

    @Benchmark
    public List<RankedResult> rankCatalog() {
        return ranker.rank(models, machine, RankOptions.defaults());
    }

    /** The first question for this hardware in a fresh process state: no planner or weight cache carried over. */
    @Benchmark
    public List<RankedResult> rankCatalogUncached() {
        return new Ranker().rank(models, machine, RankOptions.defaults());
    }
}
