package dev.runyard.core.hardware;

/**
 * Apple silicon memory: one pool of RAM that the GPU may wire up to a working-set limit. Metal reports the default
 * limit as {@code recommendedMaxWorkingSetSize}: about 2/3 of RAM on machines with 36 GiB or less and 3/4 above
 * (as llama.cpp's Metal backend logs it, e.g. 48 GiB on a 64 GiB M3 Max). Setting {@code iogpu.wired_limit_mb}
 * (macOS 14+) replaces it.
 *
 * @param ramBytes            all of the machine's RAM
 * @param defaultLimitBytes   the GPU working-set limit macOS picks by default
 * @param wiredLimitBytes     the limit set with {@code sysctl iogpu.wired_limit_mb}, 0 when not set
 */
public record UnifiedMemory(long ramBytes, long defaultLimitBytes, long wiredLimitBytes) {
    static final long SMALL_MACHINE_BYTES = 36L << 30;

    public UnifiedMemory {
        if (ramBytes < 0 || defaultLimitBytes < 0 || wiredLimitBytes < 0) {
            throw new IllegalArgumentException("memory must not be negative");
        }
    }

    /** The default limit for {@code ramBytes} of RAM and an optional {@code iogpu.wired_limit_mb} (0 = not set). */
    public static UnifiedMemory of(long ramBytes, long wiredLimitMb) {
        long def = ramBytes <= SMALL_MACHINE_BYTES ? ramBytes / 3 * 2 : ramBytes / 4 * 3;
        long wired = wiredLimitMb > 0 ? Math.min(ramBytes, wiredLimitMb << 20) : 0;
        return new UnifiedMemory(ramBytes, def, wired);
    }

    /** What the GPU may use: the wired limit when set, else the default. */
    public long gpuLimitBytes() {
        return wiredLimitBytes > 0 ? wiredLimitBytes : defaultLimitBytes;
    }
}
