package dev.runyard.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@code Assignment.split} gives each layer the GPU llama.cpp's {@code -ts} gives it: the first cumulative share past it. */
class LayoutSplitTest {
    /** The rule as llama.cpp states it, searched afresh for every layer. */
    static int reference(double[] cumulative, double position) {
        for (int d = 0; d < cumulative.length; d++) {
            if (position < cumulative[d] - 1e-12) {
                return d;
            }
        }
        return cumulative.length - 1;
    }

    @Property(tries = 500)
    void everyLayerGoesToTheGpuWhoseShareCoversIt(@ForAll @IntRange(min = 1, max = 130) int layers,
                                                  @ForAll @Size(min = 1, max = 8) double[] rawShares,
                                                  @ForAll @IntRange(min = 0, max = 140) int ngl) {
        double[] shares = new double[rawShares.length];
        double total = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = Math.abs(rawShares[i]) % 100 + (i % 3 == 2 ? 0 : 1); // some GPUs get no share at all
            total += shares[i];
        }
        if (total == 0) {
            return;
        }
        double[] cumulative = new double[shares.length];
        double acc = 0;
        for (int d = 0; d < shares.length; d++) {
            acc += shares[d] / total;
            cumulative[d] = acc;
        }
        LlamaCppLayout.Assignment a = LlamaCppLayout.Assignment.split(layers, shares, ngl, null);
        int onGpu = Math.min(ngl, layers + 1);
        int start = layers - Math.min(onGpu, layers);
        int[] dev = a.layerDevice();
        for (int i = 0; i < layers; i++) {
            int expected = i < start ? -1 : reference(cumulative, (double) (i - start) / onGpu);
            assertThat(dev[i]).as("layer %d of %d, -ngl %d", i, layers, ngl).isEqualTo(expected);
        }
    }

    @Property(tries = 100)
    void evenSharesSplitLayersEvenly(@ForAll @IntRange(min = 2, max = 8) int gpus,
                                     @ForAll @IntRange(min = 8, max = 120) int layers,
                                     @ForAll @DoubleRange(min = 1, max = 100) double share) {
        double[] shares = new double[gpus];
        java.util.Arrays.fill(shares, share);
        int[] dev = LlamaCppLayout.Assignment.split(layers, shares, layers + 1, null).layerDevice();
        int[] count = new int[gpus];
        for (int d : dev) {
            count[d]++;
        }
        for (int c : count) {
            assertThat(c).isBetween(layers / gpus - 1, layers / gpus + 1);
        }
    }
}
