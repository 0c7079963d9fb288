package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a response body into memory: never more than asked for, failing when the body stalls longer than the read
 * timeout or is still coming at the request's deadline (a server dripping a byte every few seconds never stalls),
 * and counting bytes. (Slow reads are reported by the wait around the whole request, see HttpFetcher.)
 */
public final class BodyReader {
    private static final int CHUNK = 64 * 1024;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "runyard-http-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final InputStream in;
    private final RemoteOptions options;
    private final AtomicLong downloaded;
    private final String name;
    private final Deadline deadline;

    BodyReader(InputStream in, RemoteOptions options, AtomicLong downloaded, String name, Deadline deadline) {
        this.in = in;
        this.options = options;
        this.downloaded = downloaded;
        this.name = name;
        this.deadline = deadline;
    }

    /** Exactly {@code n} bytes; fewer is an error (the server cut the body short). */
    public byte[] readExactly(int n) throws IOException {
        byte[] b = read(n, n);
        if (b.length < n) {
            throw new IOException("body ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** The whole body, which must not exceed {@code max} bytes. */
    public byte[] readAll(int max) throws IOException {
        byte[] b = read(max + 1, -1);
        if (b.length > max) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, name + " is larger than " + max + " bytes",
                    "this does not look like a model metadata file");
        }
        return b;
    }

    private byte[] read(int limit, long expected) throws IOException {
        byte[] buf = new byte[Math.min(limit, expected > 0 ? limit : CHUNK)];
        int n = 0;
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        AtomicBoolean late = new AtomicBoolean();
        long timeoutNanos = options.readTimeout().toNanos();
        // Closing the stream is the one way to wake a blocked read: on a stall, or when the deadline has passed.
        ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
            boolean isLate = deadline.expired();
            if (isLate || System.nanoTime() - lastProgress.get() > timeoutNanos) {
                late.set(isLate);
                stalled.set(!isLate);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing is how the blocked read is woken; nothing more to do
                }
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        try {
            while (n < limit) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(limit, 2L * buf.length));
                }
                int r;
                try {
                    r = in.read(buf, n, Math.min(buf.length - n, CHUNK));
                } catch (IOException e) {
                    if (late.get()) {
                        throw deadline.exceeded(name);
                    }
                    throw stalled.get() ? new HttpTimeoutException("no data for " + options.readTimeout().toSeconds()
                            + " s") : e;
                }
                if (r < 0) {
                    break;
                }
                n += r;
                downloaded.addAndGet(r);
                lastProgress.set(System.nanoTime());
                if (deadline.expired()) {
                    throw deadline.exceeded(name);
                }
            }
        } finally {
            watch.cancel(false);
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
}
