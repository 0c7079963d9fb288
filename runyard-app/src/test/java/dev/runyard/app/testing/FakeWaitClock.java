package dev.runyard.app.testing;

import dev.runyard.app.progress.WaitClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link WaitClock} for tests: time moves only when the test says so, and every running ticker ticks then. */
public final class FakeWaitClock {
    private final AtomicLong nanos = new AtomicLong();
    private final List<Runnable> ticks = new CopyOnWriteArrayList<>();
    private final WaitClock clock = new WaitClock(nanos::get, tick -> {
        ticks.add(tick);
        return () -> ticks.remove(tick);
    });

    public WaitClock clock() {
        return clock;
    }

    /** Moves time on by {@code d}, then ticks every wait in progress once. */
    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        ticks.forEach(Runnable::run);
    }

    /** Waits whose ticker is still running. */
    public int running() {
        return ticks.size();
    }
}
