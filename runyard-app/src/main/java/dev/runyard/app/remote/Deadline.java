package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A point in time after which network work stops, whatever it is doing: per-read timeouts catch a stall, but not a
 * server that drips one byte every few seconds, nor retries that add up. {@code clock} is a nanosecond clock (the
 * command's {@link dev.runyard.app.progress.WaitClock}, so tests can move time); {@code what} names the limit in the
 * error ("--timeout 120 s", "60 s per request").
 *
 * @param clock   nanosecond time
 * @param endNanos when the time is up, on {@code clock}; {@link Long#MAX_VALUE} for never
 * @param budget  the whole allowance, for messages
 * @param what    which limit this is, for messages
 */
public record Deadline(LongSupplier clock, long endNanos, Duration budget, String what) {
    /** No deadline (the per-read timeouts still apply). */
    public static final Deadline NONE = new Deadline(System::nanoTime, Long.MAX_VALUE, Duration.ZERO, "none");

    /** {@code budget} from now on {@code clock}. */
    public static Deadline after(Duration budget, LongSupplier clock, String what) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("a deadline needs a positive budget, got " + budget);
        }
        long now = clock.getAsLong();
        long nanos = budget.toNanos();
        return new Deadline(clock, now + nanos < now ? Long.MAX_VALUE : now + nanos, budget, what);
    }

    public boolean unlimited() {
        return endNanos == Long.MAX_VALUE;
    }

    /** What is left; zero once the time is up, and a very long time for no deadline. */
    public Duration remaining() {
        if (unlimited()) {
            return Duration.ofDays(365);
        }
        long left = endNanos - clock.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return !unlimited() && endNanos - clock.getAsLong() <= 0;
    }

    /** This deadline or {@code budget} from now, whichever comes first (on this deadline's clock). */
    public Deadline within(Duration budget, String label) {
        Deadline other = after(budget, clock, label);
        return other.endNanos < endNanos ? other : this;
    }

    /** The one-line error for work on {@code target} that ran out of time. */
    public RunyardException exceeded(String target) {
        return new RunyardException(RunyardException.Kind.RUNTIME, target + " did not finish within " + what
                + " (gave up)", "the server is slow or stalled; try again later"
                + (what.startsWith("--timeout") ? " or raise --timeout" : ""));
    }

    /** "2 s", "1.5 s", "250 ms": a budget as people write it. */
    public static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
