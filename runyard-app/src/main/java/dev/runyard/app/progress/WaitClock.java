package dev.runyard.app.progress;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Time as progress reports see it: a nanosecond clock, and a ticker that calls back while a wait lasts. The system
 * one ticks on a daemon thread four times a second; tests pass a fake whose time and ticks they drive themselves.
 */
public record WaitClock(LongSupplier nanos, Ticker ticker) {
    /** Calls {@code tick} again and again until the returned stopper runs. */
    @FunctionalInterface
    public interface Ticker {
        Runnable start(Runnable tick);
    }

    public static final WaitClock SYSTEM = new WaitClock(System::nanoTime, tick -> {
        ScheduledFuture<?> f = Ticks.EXECUTOR.scheduleAtFixedRate(tick, 250, 250, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    });

    /** Holder: the thread starts only when something first waits. */
    private static final class Ticks {
        static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runyard-progress");
            t.setDaemon(true);
            return t;
        });
    }
}
