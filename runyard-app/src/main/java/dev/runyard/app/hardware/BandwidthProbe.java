package dev.runyard.app.hardware;

/**
 * A short STREAM-style copy (arrays far larger than any cache, one slice per thread, all threads at once): the RAM
 * bandwidth this machine's CPU really gets. The copy is {@code System.arraycopy}, the JVM's memcpy intrinsic, so the
 * figure does not depend on how far the JIT has compiled a loop. Bounded: two arrays of at most 128 MiB each (less
 * on a small machine), a few passes, about a second.
 */
public final class BandwidthProbe {
    /** Doubles per array: 16 Mi (128 MiB), far past the largest L3 of a desktop CPU. */
    static final int MAX_ELEMENTS = 16 << 20;
    static final int PASSES = 6;

    private BandwidthProbe() {
    }

    /** Best copy bandwidth in decimal GB/s over a few passes with {@code threads} threads. */
    public static double measure(int threads, long ramBytes) {
        // Never take more than 1/16 of RAM (two arrays), nor less than 4 Mi doubles (32 MiB, past most caches).
        long fit = ramBytes > 0 ? ramBytes / 16 / 2 / Double.BYTES : MAX_ELEMENTS;
        int n = (int) Math.max(4 << 20, Math.min(MAX_ELEMENTS, fit));
        int t = Math.max(1, Math.min(threads, 64));
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(a, 0.0); // touch every page before timing
        double best = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            best = Math.max(best, pass(a, b, t));
        }
        return best;
    }

    private static double pass(double[] a, double[] b, int threads) {
        int n = a.length;
        Thread[] ts = new Thread[threads];
        int chunk = n / threads;
        long t0 = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int lo = i * chunk;
            int hi = i == threads - 1 ? n : lo + chunk;
            ts[i] = new Thread(() -> System.arraycopy(b, lo, a, lo, hi - lo));
            ts[i].start();
        }
        for (Thread th : ts) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Read b, write a: two arrays of bytes moved, as STREAM's copy counts them.
        return 2.0 * Double.BYTES * n / seconds / 1e9;
    }
}
