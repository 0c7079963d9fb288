package dev.runyard.core.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory in bytes. The only unit type Runyard uses for memory: binary (GiB, 2^30) and decimal
 * (GB, 10^9) views both exist and are always labelled, so the two are never mixed silently.
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    public static final long KIB = 1024L;
    public static final long MIB = 1024L * 1024L;
    public static final long GIB = 1024L * 1024L * 1024L;
    public static final long TIB = 1024L * GIB;
    public static final long GB = 1_000_000_000L;
    public static final ByteSize ZERO = new ByteSize(0);

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([a-z]*)");
    /** Two-letter units are decimal, "i" units binary; one letter is binary, as Docker and the JVM read "64g". */
    private static final Map<String, Long> UNITS = Map.ofEntries(Map.entry("b", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", GB), Map.entry("tb", 1000 * GB),
            Map.entry("k", KIB), Map.entry("kib", KIB), Map.entry("m", MIB), Map.entry("mib", MIB),
            Map.entry("g", GIB), Map.entry("gib", GIB), Map.entry("t", TIB), Map.entry("tib", TIB));

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

    /**
     * Reads a size as people write it: {@code 64}, {@code 64GB}, {@code 64 GiB}, {@code 1.5tb}, {@code 512M}. GB, MB,
     * KB and TB are decimal (10^9 …); GiB, MiB, KiB, TiB and the single letters G, M, K, T are binary (2^30 …); a
     * bare number counts in {@code bareUnit} bytes, which the caller picks (RAM is sold and reported in GiB).
     *
     * @throws IllegalArgumentException with a one-line message for anything else: no number, an unknown unit, a
     *                                  negative size or one beyond {@link Long#MAX_VALUE} bytes
     */
    public static ByteSize parse(String text, long bareUnit) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("size must not be negative: \"" + text.strip() + "\"");
        }
        Matcher m = SIZE.matcher(t);
        Long unit = m.matches() ? m.group(2).isEmpty() ? Long.valueOf(bareUnit) : UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("not a size: \"" + (text == null ? "" : text.strip())
                    + "\" (expected a number with an optional unit: 64, 64GB, 64GiB)");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.HALF_UP);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size is too large: \"" + text.strip() + "\"");
        }
        return new ByteSize(bytes.longValueExact());
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
