package dev.runyard.core.units;

import java.util.Locale;

/**
 * An amount of memory in bytes. The only unit type Runyard uses for memory: binary (GiB, 2^30) and decimal
 * (GB, 10^9) views both exist and are always labelled, so the two are never mixed silently.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * 1024L;
    public static final long GIB = 1024L * 1024L * 1024L;
    public static final long GB = 1_000_000_000L;
    public static final ByteSize ZERO = new ByteSize(0);

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("byte size must not be negative: " + bytes);
        }
    }

    public static ByteSize of(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofGiB(double gib) {
        return new ByteSize(Math.round(gib * GIB));
    }

    public static ByteSize ofMiB(double mib) {
        return new ByteSize(Math.round(mib * MIB));
    }

    public static ByteSize ofGB(double gb) {
        return new ByteSize(Math.round(gb * GB));
    }

    public ByteSize plus(ByteSize other) {
        return new ByteSize(Math.addExact(bytes, other.bytes));
    }

    public ByteSize minusOrZero(ByteSize other) {
        return new ByteSize(Math.max(0, bytes - other.bytes));
    }

    public ByteSize times(long factor) {
        return new ByteSize(Math.multiplyExact(bytes, factor));
    }

    public double gib() {
        return bytes / (double) GIB;
    }

    public double mib() {
        return bytes / (double) MIB;
    }

    public double gb() {
        return bytes / (double) GB;
    }

    /** "12.34 GiB" (or MiB / KiB / B for small sizes). */
    public String toBinaryString() {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.2f GiB", gib());
        }
        if (bytes >= MIB) {
            return String.format(Locale.ROOT, "%.1f MiB", mib());
        }
        if (bytes >= KIB) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / (double) KIB);
        }
        return bytes + " B";
    }

    /** "13.25 GB" (decimal). */
    public String toDecimalString() {
        if (bytes >= GB) {
            return String.format(Locale.ROOT, "%.2f GB", gb());
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return bytes + " B";
    }

    @Override
    public int compareTo(ByteSize o) {
        return Long.compare(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return toBinaryString();
    }
}
