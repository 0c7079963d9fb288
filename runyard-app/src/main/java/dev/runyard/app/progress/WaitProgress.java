package dev.runyard.app.progress;

import java.io.PrintWriter;

/**
 * Tells the user what a network wait is for once it has lasted a second: "waiting for huggingface.co … 3 s" on
 * stderr. Shorter waits print nothing, so fast answers stay quiet; stdout is never touched, so --json stays pure.
 */
public final class WaitProgress {
    private static final long SECOND = 1_000_000_000L;
    /** Reports nothing and starts no ticker. */
    public static final WaitProgress SILENT = new WaitProgress(null, null);

    /** Where reports go; called from the ticker thread. */
    public interface Display {
        /** The wait for {@code what} has lasted {@code seconds} (at least 1, growing; not every second is told). */
        void waiting(String what, long seconds);

        /** The wait that was reported is over. */
        void done();
    }

    /** One wait; closing it ends it. */
    public interface Wait extends AutoCloseable {
        @Override
        void close();
    }

    private final Display display;
    private final WaitClock clock;

    public WaitProgress(Display display, WaitClock clock) {
        this.display = display;
        this.clock = clock;
    }

    /** Reports on {@code err}, see {@link #stderr}. */
    public static WaitProgress toStderr(PrintWriter err, WaitClock clock) {
        return new WaitProgress(stderr(err), clock);
    }

    /** Rewritten in place on a terminal; elsewhere a line at 1, 2, 4, 8 … s, so logs stay short. */
    public static Display stderr(PrintWriter err) {
        return System.console() != null ? inPlace(err) : lines(err);
    }

    public static String text(String what, long seconds) {
        return "waiting for " + what + " … " + seconds + " s";
    }

    /** Starts timing a wait for {@code what} (a host name, usually). */
    public Wait begin(String what) {
        if (display == null) {
            return () -> { };
        }
        Tracker t = new Tracker(what, clock.nanos().getAsLong());
        t.stop = clock.ticker().start(t::tick);
        return t;
    }

    private final class Tracker implements Wait {
        private final String what;
        private final long start;
        private volatile Runnable stop;
        private long shown;
        private boolean closed;

        Tracker(String what, long start) {
            this.what = what;
            this.start = start;
        }

        synchronized void tick() {
            long seconds = (clock.nanos().getAsLong() - start) / SECOND;
            if (!closed && seconds >= 1 && seconds > shown) {
                shown = seconds;
                display.waiting(what, seconds);
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (shown > 0) {
                    display.done();
                }
            }
            if (stop != null) {
                stop.run();
            }
        }
    }

    static Display lines(PrintWriter err) {
        return new Display() {
            private long printed;

            @Override
            public void waiting(String what, long seconds) {
                if (seconds >= 2 * printed) {
                    printed = seconds;
                    err.println(text(what, seconds));
                    err.flush();
                }
            }

            @Override
            public void done() {
                printed = 0;
            }
        };
    }

    static Display inPlace(PrintWriter err) {
        return new Display() {
            private int width;

            @Override
            public void waiting(String what, long seconds) {
                String t = text(what, seconds);
                err.print("\r" + t + " ".repeat(Math.max(0, width - t.length())));
                width = t.length();
                err.flush();
            }

            @Override
            public void done() {
                err.print("\r" + " ".repeat(width) + "\r");
                width = 0;
                err.flush();
            }
        };
    }
}
