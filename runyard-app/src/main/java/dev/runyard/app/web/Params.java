package dev.runyard.app.web;

import dev.runyard.app.hardware.MachineResolver;
import dev.runyard.core.error.RunyardException;
import dev.runyard.core.units.ByteSize;
import io.javalin.http.Context;
import java.util.Locale;

/** Reads query parameters once, at the boundary: blank means absent; a bad number names its parameter. */
final class Params {
    private Params() {
    }

    static String str(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static String require(Context ctx, String name, String example) {
        String v = str(ctx, name);
        if (v == null) {
            throw RunyardException.badInput("parameter '" + name + "' is required", "e.g. " + name + "=" + example);
        }
        return v;
    }

    static Integer integer(Context ctx, String name, int min, int max) {
        String v = str(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw range(name, v, min, max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw invalid(name, v, "a whole number from " + min + " to " + max);
        }
    }

    static Double decimal(Context ctx, String name, double min, double max) {
        String v = str(ctx, name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= min && d <= max)) {
                throw range(name, v, min, max);
            }
            return d;
        } catch (NumberFormatException e) {
            throw invalid(name, v, "a number from " + fmt(min) + " to " + fmt(max));
        }
    }

    /** RAM as {@code --ram} takes it (64 = GiB, 64GB = 10^9 bytes, 64GiB), in bytes: more than 0, at most 64 TiB. */
    static Long ram(Context ctx, String name) {
        String v = str(ctx, name);
        if (v == null) {
            return null;
        }
        long bytes;
        try {
            bytes = ByteSize.parse(v, ByteSize.GIB).bytes();
        } catch (IllegalArgumentException e) {
            throw invalid(name, v, "RAM such as 64 (GiB), 64GiB or 64GB");
        }
        if (bytes <= 0 || bytes > MachineResolver.MAX_RAM_BYTES) {
            throw RunyardException.badInput("parameter '" + name + "' out of range: " + clip(v),
                    "expected more than 0, at most 64 TiB");
        }
        return bytes;
    }

    /** A token count: 32768, 32K or 32k (K = 1024). */
    static Long tokens(Context ctx, String name, long max) {
        String v = str(ctx, name);
        if (v == null) {
            return null;
        }
        return tokens(name, v, max);
    }

    static long tokens(String name, String v, long max) {
        String l = v.toLowerCase(Locale.ROOT);
        long mult = 1;
        if (l.endsWith("k")) {
            mult = 1024;
            l = l.substring(0, l.length() - 1);
        } else if (l.endsWith("m")) {
            mult = 1024 * 1024;
            l = l.substring(0, l.length() - 1);
        }
        try {
            long n = Math.multiplyExact(Long.parseLong(l.strip()), mult);
            if (n < 0 || n > max) {
                throw range(name, v, 0, max);
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid(name, v, "a token count such as 8192 or 32K");
        }
    }

    static boolean flag(Context ctx, String name) {
        String v = str(ctx, name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes"));
    }

    private static RunyardException invalid(String name, String v, String expected) {
        return RunyardException.badInput("invalid value for parameter '" + name + "': \"" + clip(v) + "\"",
                "expected " + expected);
    }

    private static RunyardException range(String name, String v, double min, double max) {
        return RunyardException.badInput("parameter '" + name + "' out of range: " + clip(v),
                "expected " + fmt(min) + " to " + fmt(max));
    }

    private static String clip(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
