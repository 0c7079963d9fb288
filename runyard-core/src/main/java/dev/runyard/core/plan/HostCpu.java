package dev.runyard.core.plan;

import java.util.List;
import java.util.Locale;

/**
 * The CPU and RAM a plan runs its CPU share on: threads, SIMD level and RAM bandwidth, measured on this machine or
 * assumed for a class of machine (and saying which).
 *
 * <p>Bandwidth is kept as the datasheet-equivalent figure the speed model's CPU efficiency (0.45, calibrated on
 * llama-bench rows against datasheet bandwidth) applies to. A measured copy T counts as T / {@value #COPY_SHARE}:
 * llama.cpp's decode on the host streamed its Q8_0 weights at 0.84 of the measured copy (llama-bench on a 2-core
 * AVX-512 VM, fitted with the per-type decode terms of {@code HostCpuKernels}), and 0.84 / 0.45 = 1 / 0.54. (A STREAM
 * copy reaches about 64% of a datasheet figure, the factor used before; the decode stream is the one that matters.)
 *
 * @param threads            threads llama.cpp would use (physical cores, or the logical count when unknown)
 * @param isa                SIMD extensions (avx2, avx512f, avx512_vnni, neon, dotprod, i8mm …), lower case
 * @param ramBandwidthGbs    datasheet-equivalent RAM bandwidth, decimal GB/s
 * @param measuredCopyGbs   the copy bandwidth measured on this machine, or 0 when assumed
 * @param source             "measured <date>", "given (--ram-bandwidth)", or "assumed: <class>"
 * @param threadsGiven       whether {@code threads} is the user's ({@code --threads}): the llama.cpp command then
 *                           passes it ({@code -t}), where otherwise llama.cpp's own default is what was assumed
 */
public record HostCpu(int threads, List<String> isa, double ramBandwidthGbs, double measuredCopyGbs, String source,
                      boolean threadsGiven) {
    /** A measured copy over the datasheet-equivalent bandwidth the CPU efficiency applies to (see above). */
    public static final double COPY_SHARE = 0.54;
    /** Dual-channel DDR5-5600 desktop: 2 × 8 bytes × 5600 MT/s. */
    public static final double DESKTOP_GBS = 89.6;
    /** One server socket with 8 channels of DDR5-4800: 8 × 8 bytes × 4800 MT/s. */
    public static final double SERVER_GBS = 307.2;

    public HostCpu {
        threads = Math.max(1, threads);
        isa = List.copyOf(isa);
    }

    /** A CPU whose threads are detected or assumed, not given. */
    public HostCpu(int threads, List<String> isa, double ramBandwidthGbs, double measuredCopyGbs, String source) {
        this(threads, isa, ramBandwidthGbs, measuredCopyGbs, source, false);
    }

    public static HostCpu desktop() {
        return new HostCpu(8, List.of("avx2"), DESKTOP_GBS, 0,
                "assumed: desktop, 8 threads, AVX2, dual-channel DDR5-5600 (89.6 GB/s)");
    }

    public static HostCpu server() {
        return new HostCpu(32, List.of("avx512f", "avx512_vnni"), SERVER_GBS, 0,
                "assumed: server socket, 32 threads, AVX-512, 8-channel DDR5-4800 (307.2 GB/s)");
    }

    /** This machine, with a copy bandwidth measured on it. */
    public static HostCpu measured(int threads, List<String> isa, double copyGbs, String when) {
        return new HostCpu(threads, isa, copyGbs / COPY_SHARE, copyGbs, String.format(Locale.ROOT,
                "measured %s: copy %.1f GB/s with %d threads (datasheet-equivalent %.1f GB/s)", when, copyGbs,
                threads, copyGbs / COPY_SHARE));
    }

    /** The same CPU with a bandwidth the user gave (datasheet GB/s). */
    public HostCpu withBandwidth(double gbs) {
        return new HostCpu(threads, isa, gbs, 0, String.format(Locale.ROOT, "given: %.1f GB/s (--ram-bandwidth)", gbs),
                threadsGiven);
    }

    /** The same CPU with a copy bandwidth the user measured (GB/s), counted as a measurement here is. */
    public HostCpu withMeasuredCopy(double copyGbs) {
        return new HostCpu(threads, isa, copyGbs / COPY_SHARE, copyGbs, String.format(Locale.ROOT,
                "given: copy %.1f GB/s (--ram-copy; datasheet-equivalent %.1f GB/s)", copyGbs, copyGbs / COPY_SHARE),
                threadsGiven);
    }

    /**
     * The same CPU running llama.cpp with {@code n} threads ({@code --threads}, llama.cpp's {@code -t}): the prompt
     * rate scales with them ({@link #prefillGflops}); bandwidth and the per-layer time are kept.
     */
    public HostCpu withThreads(int n) {
        return new HostCpu(n, isa, ramBandwidthGbs, measuredCopyGbs,
                source + "; " + n + " threads as given (--threads)", true);
    }

    /**
     * Effective prompt-processing rate of all threads, GFLOP/s, for quantized weights. Per thread: 210 with
     * AVX-512 VNNI, measured with llama.cpp's CPU backend on a 2-core AVX-512 VNNI VM (pp512 of Llama-3.2-1B Q4_0
     * 221 tok/s, Qwen3-4B Q4_0 58 tok/s, i.e. 2 × 215 and 2 × 209); the other levels scale that by SIMD width and
     * are not calibrated: 150 AVX-512 without VNNI, 90 AVX2, 120 Arm with dot-product instructions, 40 otherwise.
     */
    public double prefillGflops() {
        return threads * perThreadGflops();
    }

    double perThreadGflops() {
        if (isa.contains("avx512_vnni") || isa.contains("amx_int8")) {
            return 210;
        }
        if (isa.contains("avx512f")) {
            return 150;
        }
        if (isa.contains("avx2")) {
            return 90;
        }
        if (isa.contains("dotprod") || isa.contains("i8mm") || isa.contains("asimddp")) {
            return 120;
        }
        return 40;
    }
}
