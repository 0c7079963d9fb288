package dev.runyard.app.store;

import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes the start-up of an SQLite store (migrations, loading the bundled data) across threads and processes:
 * Flyway does not lock SQLite, so two processes opening a fresh file at once both tried to create the schema and
 * one failed with SQLITE_BUSY. The lock is an OS file lock on {@code <db>.lock} beside the database, never on the
 * database itself (closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's too);
 * threads of one JVM queue on a {@link ReentrantLock} first, since the JVM allows one file lock per file. The lock
 * file stays: deleting it would let a waiter lock a file that no longer exists.
 */
final class StartupLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MS = 20;

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private StartupLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the start-up lock of the SQLite file {@code db}. */
    static StartupLock acquire(Path db, Duration timeout) {
        Path file = db.resolveSibling(db.getFileName() + ".lock");
        ReentrantLock local = IN_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(db, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy(db, timeout);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock l = ch.tryLock();
                if (l != null) {
                    return new StartupLock(local, ch, l);
                }
                if (System.nanoTime() > deadline) {
                    throw busy(db, timeout);
                }
                Thread.sleep(POLL_MS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(ch);
            local.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof RunyardException r) {
                throw r;
            }
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot open database " + db + ": cannot lock "
                    + file.getFileName() + " (" + e.getMessage() + ")", "check the directory is writable", e);
        }
    }

    private static RunyardException busy(Path db, Duration timeout) {
        return new RunyardException(RunyardException.Kind.RUNTIME, "cannot open database " + db + ": another process "
                + "has been setting it up for more than " + timeout.toSeconds() + " s", "try again in a moment");
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock goes with the channel either way
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }
}
