package dev.runyard.core.plan;

import dev.runyard.core.estimate.DeviceUsage;
import dev.runyard.core.estimate.LlamaCppLayout;
import dev.runyard.core.estimate.LlamaCppLayout.Assignment;
import dev.runyard.core.estimate.LlamaCppSizing;
import dev.runyard.core.estimate.MemoryEstimate;
import dev.runyard.core.model.Ffn;
import dev.runyard.core.model.Layer;
import dev.runyard.core.model.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * Places a llama.cpp (or Ollama) run on a machine, the way llama.cpp's own options do: all layers on the GPUs,
 * split in proportion to their usable memory ({@code -ts}); if that does not fit, routed experts of the first layers
 * to system RAM ({@code --n-cpu-moe}), else fewer layers on the GPUs ({@code -ngl}); without a GPU, all in RAM.
 * Every candidate is laid out by {@link LlamaCppLayout} and checked device by device, so the bytes that decide the
 * fit are the bytes the plan reports.
 */
public final class LlamaCppPlacement {
    private LlamaCppPlacement() {
    }

    /** The placement and the memory estimate laid out by it. */
    public record Placed(PlacementPlan placement, MemoryEstimate memory) {
    }

    public static Placed plan(ModelArchitecture arch, LlamaCppSizing s, Machine m) {
        return plan(arch, s, m, true);
    }

    /** @param breakdown false: the memory estimate without its parts (a plan only priced, see Planner#price) */
    static Placed plan(ModelArchitecture arch, LlamaCppSizing s, Machine m, boolean breakdown) {
        int n = arch.layerCount();
        List<String> notes = new ArrayList<>();
        if (!m.hasGpu()) {
            notes.add("no GPU: weights and KV cache in system RAM (90% of it usable)");
            return cpuOnly(arch, s, m, notes, breakdown);
        }
        double[] shares = new double[m.gpus().size()];
        for (int i = 0; i < shares.length; i++) {
            shares[i] = m.usableGpuBytes(i);
        }
        List<Double> ts = new ArrayList<>();
        if (!m.identicalGpus()) {
            for (double sh : shares) {
                ts.add(Math.round(sh / m.usableGpuBytesTotal() * 1000) / 1000.0);
            }
        }
        notes.add("safety margin " + (m.safetyMarginBytes() >> 20) + " MiB per GPU; " + (s.compute().bytes() >> 20)
                + " MiB compute buffer + " + (s.reserve() >> 20) + " MiB runtime per GPU");
        Assignment all = Assignment.split(n, shares, n + 1, null);
        List<DeviceUsage> full = LlamaCppLayout.devices(s, all);
        if (fits(full, m)) {
            return placed(s, all, full, FitLevel.FULL_GPU, n + 1, 0, ts, notes, breakdown);
        }
        long over = gpuTotal(full) - m.usableGpuBytesTotal();
        // MoE: routed experts of the first layers to RAM, the way --n-cpu-moe does.
        long[] experts = expertBytesPerLayer(arch, s);
        if (sum(experts) > 0) {
            long moved = 0;
            int k = 0;
            while (k < n && moved < over) {
                moved += experts[k++];
            }
            for (k = Math.max(1, k); k <= n; k++) {
                long[] host = new long[n];
                System.arraycopy(experts, 0, host, 0, k);
                Assignment a = Assignment.split(n, shares, n + 1, host);
                List<DeviceUsage> e = LlamaCppLayout.devices(s, a);
                if (hostTotal(e) > m.usableRamBytes()) {
                    break; // moving more experts only adds to RAM
                }
                if (fits(e, m)) {
                    notes.add("routed experts of " + k + " layers in system RAM (--n-cpu-moe " + k + ")");
                    return placed(s, a, e, FitLevel.PARTIAL_OFFLOAD, n + 1, k, ts, notes, breakdown);
                }
            }
        }
        // Dense (or MoE that still does not fit): the last ngl layers on the GPUs, the rest and the output in RAM.
        int ngl = n;
        long perLayer = Math.max(1, gpuTotal(full) / Math.max(1, n));
        ngl = (int) Math.max(0, Math.min(n, n - Math.max(0, over) / perLayer));
        for (; ngl >= 1; ngl--) {
            Assignment a = Assignment.split(n, shares, ngl, null);
            List<DeviceUsage> e = LlamaCppLayout.devices(s, a);
            if (gpusFit(e, m)) {
                FitLevel fit = hostTotal(e) <= m.usableRamBytes() ? FitLevel.PARTIAL_OFFLOAD : FitLevel.DOES_NOT_FIT;
                notes.add(ngl + " of " + n + " layers on the GPUs (-ngl " + ngl + "), the rest in system RAM");
                return placed(s, a, e, fit, ngl, 0, ts, notes, breakdown);
            }
        }
        notes.add("not even one layer fits the GPUs: all in system RAM");
        return cpuOnly(arch, s, m, notes, breakdown);
    }

    /**
     * The placement the user's own llama.cpp options give ({@code -ngl}, {@code --n-cpu-moe}, {@code -ot exps=CPU},
     * {@code -ts}, {@code -nkvo}): laid out as asked, then checked device by device. {@code m} null sizes
     * requirements on {@code gpus} identical GPUs.
     */
    public static Placed asGiven(ModelArchitecture arch, LlamaCppSizing s, Machine m, int gpus, LlamaCppOptions o) {
        int n = arch.layerCount();
        List<String> notes = new ArrayList<>();
        int count = m == null ? gpus : m.gpus().size();
        if (count == 0) {
            notes.add("no GPU: the llama.cpp placement options do not apply; everything in system RAM");
            return m == null ? new Placed(new PlacementPlan(null, 0, 0, List.of(), 1, LlamaCppLayout.devices(s,
                    Assignment.cpuOnly(n)), 0, notes), LlamaCppLayout.estimate(s, Assignment.cpuOnly(n)))
                    : cpuOnly(arch, s, m, notes, true);
        }
        if (!o.tensorSplit().isEmpty() && o.tensorSplit().size() != count) {
            throw dev.runyard.core.error.RunyardException.badInput("--tensor-split gives " + o.tensorSplit().size()
                    + " shares for " + count + " GPU(s)", "give one share per GPU, e.g. --tensor-split 3,1");
        }
        double[] shares = new double[count];
        for (int i = 0; i < count; i++) {
            shares[i] = !o.tensorSplit().isEmpty() ? o.tensorSplit().get(i) : m == null ? 1 : m.usableGpuBytes(i);
        }
        List<Double> ts = new ArrayList<>();
        if (!o.tensorSplit().isEmpty() || m != null && !m.identicalGpus()) {
            double total = 0;
            for (double sh : shares) {
                total += sh;
            }
            for (double sh : shares) {
                ts.add(Math.round(sh / total * 1000) / 1000.0);
            }
        }
        int ngl = o.gpuLayers() == null ? n + 1 : Math.min(o.gpuLayers(), n + 1);
        long[] experts = expertBytesPerLayer(arch, s);
        int cpuMoe = o.expertsOnCpu() ? n : o.cpuMoeLayers() == null ? 0 : Math.min(o.cpuMoeLayers(), n);
        long[] host = new long[n];
        System.arraycopy(experts, 0, host, 0, cpuMoe);
        Assignment a = Assignment.split(n, shares, ngl, host);
        if (o.noKvOffload()) {
            a = a.withKvOnHost();
        }
        notes.add("placement as given: -ngl " + (ngl > n ? "all" : ngl) + (cpuMoe > 0 ? ", routed experts of " + cpuMoe
                + " layers in RAM" : "") + (o.noKvOffload() ? ", KV cache in RAM (-nkvo)" : "")
                + (ts.isEmpty() ? "" : ", -ts " + ts));
        if (m == null) {
            return placed(s, a, null, ngl, cpuMoe, ts, notes, true);
        }
        List<DeviceUsage> d = LlamaCppLayout.devices(s, a);
        FitLevel fit;
        if (!fits(d, m)) {
            fit = FitLevel.DOES_NOT_FIT;
            for (int i = 0; i < count; i++) {
                if (d.get(i).totalBytes() > m.usableGpuBytes(i)) {
                    notes.add(d.get(i).name() + " needs " + (d.get(i).totalBytes() >> 20) + " MiB of "
                            + (m.usableGpuBytes(i) >> 20) + " MiB usable");
                }
            }
        } else {
            boolean everythingOnGpus = ngl > n && cpuMoe == 0 && !o.noKvOffload();
            fit = everythingOnGpus ? FitLevel.FULL_GPU : FitLevel.PARTIAL_OFFLOAD;
        }
        return placed(s, a, fit, ngl, cpuMoe, ts, notes, true);
    }

    private static Placed cpuOnly(ModelArchitecture arch, LlamaCppSizing s, Machine m, List<String> notes,
                                  boolean breakdown) {
        Assignment all = Assignment.cpuOnly(arch.layerCount());
        MemoryEstimate e = breakdown ? LlamaCppLayout.estimate(s, all) : LlamaCppLayout.estimateWithoutParts(s, all);
        FitLevel fit = e.totalBytes() <= m.usableRamBytes() ? FitLevel.CPU_ONLY : FitLevel.DOES_NOT_FIT;
        return new Placed(new PlacementPlan(fit, 0, 0, List.of(), 1, e.devices(), 0, notes), e);
    }

    private static Placed placed(LlamaCppSizing s, Assignment a, FitLevel fit, int ngl, int cpuMoe, List<Double> ts,
                                 List<String> notes, boolean breakdown) {
        return placed(s, a, null, fit, ngl, cpuMoe, ts, notes, breakdown);
    }

    /** @param devices the assignment's bytes per device when already laid out (a priced plan reuses them), or null */
    private static Placed placed(LlamaCppSizing s, Assignment a, List<DeviceUsage> devices, FitLevel fit, int ngl,
                                 int cpuMoe, List<Double> ts, List<String> notes, boolean breakdown) {
        MemoryEstimate e = breakdown ? LlamaCppLayout.estimate(s, a)
                : devices != null ? LlamaCppLayout.estimateWithoutParts(s, a, devices)
                : LlamaCppLayout.estimateWithoutParts(s, a);
        DeviceUsage host = e.devices().get(e.devices().size() - 1);
        // A token reads every weight in RAM but the embedding, of which it reads one row.
        long offloaded = Math.max(0, host.weightsBytes() - s.weights().lookupBytes());
        return new Placed(new PlacementPlan(fit, ngl, cpuMoe, ts, 1, e.devices(), offloaded, notes), e);
    }

    static boolean fits(List<DeviceUsage> e, Machine m) {
        return gpusFit(e, m) && hostTotal(e) <= m.usableRamBytes();
    }

    private static boolean gpusFit(List<DeviceUsage> e, Machine m) {
        for (int i = 0; i < m.gpus().size(); i++) {
            if (e.get(i).totalBytes() > m.usableGpuBytes(i)) {
                return false;
            }
        }
        return true;
    }

    private static long gpuTotal(List<DeviceUsage> e) {
        long t = 0;
        for (DeviceUsage d : e) {
            t += d.name().startsWith("GPU") ? d.totalBytes() : 0;
        }
        return t;
    }

    private static long hostTotal(List<DeviceUsage> e) {
        long t = 0;
        for (DeviceUsage d : e) {
            t += d.name().startsWith("GPU") ? 0 : d.totalBytes();
        }
        return t;
    }

    /** Routed-expert bytes per layer (an even share of the expert stacks over the MoE layers). */
    static long[] expertBytesPerLayer(ModelArchitecture arch, LlamaCppSizing s) {
        long[] out = new long[arch.layerCount()];
        long expertBytes = s.weights().expertBytes();
        if (expertBytes == 0) {
            return out;
        }
        long moeLayers = 0;
        for (Layer l : arch.layers()) {
            moeLayers += l.ffn() instanceof Ffn.Moe ? 1 : 0;
        }
        if (moeLayers == 0) {
            return out;
        }
        for (Layer l : arch.layers()) {
            if (l.ffn() instanceof Ffn.Moe) {
                out[l.index()] = expertBytes / moeLayers;
            }
        }
        return out;
    }

    private static long sum(long[] a) {
        long t = 0;
        for (long x : a) {
            t += x;
        }
        return t;
    }
}
