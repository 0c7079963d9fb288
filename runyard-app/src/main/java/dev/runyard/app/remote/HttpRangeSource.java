package dev.runyard.app.remote;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.format.ByteSource;
import dev.runyard.core.format.gguf.GgufReader;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;

/**
 * A {@link ByteSource} over HTTP range requests, for reading headers of files too large to download. Each miss
 * fetches a block starting at the requested position, {@value #FIRST_BLOCK} bytes first and twice the previous
 * block after that (at most {@value #MAX_BLOCK}), never past the format's header limit ({@code budget}) in total.
 * Readers move forward, so only the latest block is kept: memory stays at one block however large the header, and a
 * small header costs one request. Every answer must be 206 with the Content-Range asked for; a server that ignores
 * Range (200 with the whole file) is refused before its body is read.
 */
public final class HttpRangeSource implements ByteSource {
    static final int FIRST_BLOCK = 256 * 1024;
    static final int MAX_BLOCK = 16 * 1024 * 1024;

    private final HttpFetcher http;
    private final URI uri;
    private final long budget;
    private long blockAt = -1;
    private byte[] block = new byte[0];
    private long size = -1;
    private long fetched;
    private int nextBlock = FIRST_BLOCK;

    private HttpRangeSource(HttpFetcher http, URI uri, long budget) {
        this.http = http;
        this.uri = uri;
        this.budget = budget;
    }

    /** Opens {@code uri} for a GGUF header, fetching its first block (which also tells the file size). */
    public static HttpRangeSource open(HttpFetcher http, URI uri) {
        return open(http, uri, GgufReader.MAX_HEADER_BYTES);
    }

    /** … reading at most {@code budget} bytes in all: what the format's header may need. */
    public static HttpRangeSource open(HttpFetcher http, URI uri, long budget) {
        HttpRangeSource s = new HttpRangeSource(http, uri, budget);
        s.fetch(0);
        return s;
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes fetched by this source. */
    public long fetched() {
        return fetched;
    }

    @Override
    public int read(long position, ByteBuffer dst) throws IOException {
        if (position < 0 || position >= size) {
            return -1;
        }
        if (position < blockAt || position >= blockAt + block.length) {
            fetch(position);
        }
        int from = (int) (position - blockAt);
        int n = Math.min(dst.remaining(), block.length - from);
        dst.put(block, from, n);
        return n;
    }

    /** Nothing to release: each request's connection is closed or pooled when its body is read. */
    @Override
    public void close() {
    }

    private void fetch(long position) {
        long left = budget - fetched;
        if (left <= 0) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, HttpFetcher.display(uri) + ": header needs more "
                    + "than " + budget + " bytes", "this is not a model header we can read");
        }
        long want = Math.min(nextBlock, left);
        if (size >= 0) {
            want = Math.min(want, size - position);
        }
        long last = position + want - 1;
        Block got = http.get(uri, "bytes=" + position + "-" + last, (r, body) -> {
            int status = r.statusCode();
            if (status == 200) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, HttpFetcher.display(uri)
                        + ": server ignores HTTP Range requests", "use a server that supports Range, or download the file");
            }
            if (status == 416 && position == 0) {
                long total = r.headers().firstValue("Content-Range").map(ContentRange::unsatisfiedTotal).orElse(-1L);
                if (total == 0) {
                    return new Block(new byte[0], 0);
                }
            }
            ContentRange cr = status != 206 ? null : r.headers().firstValue("Content-Range")
                    .flatMap(ContentRange::parse).orElse(null);
            if (cr == null || cr.first() != position || cr.last() > last || cr.total() < 0
                    || cr.last() != Math.min(last, cr.total() - 1) || size >= 0 && cr.total() != size) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, HttpFetcher.display(uri) + " answered HTTP "
                        + status + " with Content-Range " + r.headers().firstValue("Content-Range").orElse("(none)")
                        + " to Range bytes=" + position + "-" + last, "the server's Range support is broken");
            }
            return new Block(body.readExactly((int) cr.length()), cr.total());
        });
        size = got.total();
        remember(position, got.bytes());
    }

    private record Block(byte[] bytes, long total) {
    }

    private void remember(long position, byte[] bytes) {
        fetched += bytes.length;
        nextBlock = (int) Math.min(2L * nextBlock, MAX_BLOCK);
        blockAt = position;
        block = bytes;
    }
}
