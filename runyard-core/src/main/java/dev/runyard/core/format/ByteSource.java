package dev.runyard.core.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads from a file, a byte array or a stream: the seam where a remote (HTTP range) reader plugs in.
 * Readers only ever move forward, so a plain {@link InputStream} is enough.
 */
public interface ByteSource extends Closeable {
    /** Total length in bytes, or -1 when unknown (a stream). */
    long size();

    /** Reads up to {@code dst.remaining()} bytes starting at {@code position}; returns the count, or -1 at the end. */
    int read(long position, ByteBuffer dst) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** Opens a regular file; anything else (FIFO, device, directory) is refused before it is opened. */
    static ByteSource open(Path path) throws IOException {
        LocalFiles.requireRegular(path, "model file");
        return of(Files.newByteChannel(path, StandardOpenOption.READ));
    }

    static ByteSource of(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(long position, ByteBuffer dst) throws IOException {
                if (position >= size) {
                    return -1;
                }
                channel.position(position);
                return channel.read(dst);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    static ByteSource of(byte[] bytes) {
        return of(bytes, bytes.length);
    }

    /**
     * The first bytes of a file standing for the whole (a header read with a range request): reads past them end,
     * while {@code size} is the whole file's length (-1: unknown).
     */
    static ByteSource of(byte[] bytes, long size) {
        return new ByteSource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(long position, ByteBuffer dst) {
                if (position < 0 || position >= bytes.length) {
                    return -1;
                }
                int n = (int) Math.min(dst.remaining(), bytes.length - position);
                dst.put(bytes, (int) position, n);
                return n;
            }
        };
    }

    /** A forward-only source; {@code size} is -1 unless the caller knows it. */
    static ByteSource of(InputStream in, long size) {
        return new ByteSource() {
            private long at;

            @Override
            public long size() {
                return size;
            }

            @Override
            public int read(long position, ByteBuffer dst) throws IOException {
                if (position < at) {
                    throw new IOException("stream cannot seek back from " + at + " to " + position);
                }
                while (at < position) {
                    long skipped = in.skip(position - at);
                    if (skipped <= 0) {
                        if (in.read() < 0) {
                            return -1;
                        }
                        skipped = 1;
                    }
                    at += skipped;
                }
                byte[] chunk = new byte[Math.min(dst.remaining(), 64 * 1024)];
                int n = in.read(chunk);
                if (n > 0) {
                    dst.put(chunk, 0, n);
                    at += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
