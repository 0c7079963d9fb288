package dev.runyard.core.format.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.format.ByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers with very many tensors: parsed as a stream, so memory follows the tensors kept, not the header bytes; past
 * {@link SafetensorsReader#MAX_TENSORS} the read stops at once with one line.
 */
class HugeHeaderTest {
    @TempDir
    Path dir;

    @Test
    void aMillionTensorHeaderIsRefusedAsSoonAsTheLimitIsPassed() throws Exception {
        Path f = HugeHeaders.write(dir.resolve("huge.safetensors"), 1 << 20);
        long headerBytes = Files.size(f) - 8L * (1 << 20);
        assertThat(headerBytes).isGreaterThan(60_000_000L).isLessThan(SafetensorsReader.MAX_HEADER_BYTES);
        AtomicLong read = new AtomicLong();
        long start = System.nanoTime();
        try (ByteSource src = counting(ByteSource.open(f), read)) {
            assertThatThrownBy(() -> SafetensorsReader.read(src, "huge.safetensors"))
                    .isInstanceOf(SafetensorsFormatException.class)
                    .hasMessageContaining("more than " + SafetensorsReader.MAX_TENSORS + " tensors")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        // Stopped about halfway through the header: the rest was never read.
        assertThat(read.get()).isLessThan(headerBytes * 6 / 10);
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(30);
    }

    @Test
    void aHeaderAtTheLimitParsesWithoutHoldingItsBytes() throws Exception {
        Path f = HugeHeaders.write(dir.resolve("limit.safetensors"), SafetensorsReader.MAX_TENSORS);
        AtomicLong largestRead = new AtomicLong();
        SafetensorsHeader h;
        try (ByteSource src = ByteSource.open(f)) {
            h = SafetensorsReader.read(new ByteSource() {
                @Override
                public long size() {
                    return src.size();
                }

                @Override
                public int read(long position, ByteBuffer dst) throws IOException {
                    largestRead.accumulateAndGet(dst.remaining(), Math::max);
                    return src.read(position, dst);
                }
            }, "limit.safetensors");
        }
        assertThat(h.tensors()).hasSize(SafetensorsReader.MAX_TENSORS);
        assertThat(h.parameterCount()).isEqualTo(4L * SafetensorsReader.MAX_TENSORS);
        // Read in small chunks: no buffer the size of the header (tens of MB) was ever asked for.
        assertThat(largestRead.get()).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void anIndexPastTheLimitIsRefused() {
        StringBuilder json = new StringBuilder("{\"weight_map\":{");
        for (int i = 0; i <= SafetensorsReader.MAX_TENSORS; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append("\":\"model-00001-of-00002.safetensors\"");
        }
        byte[] b = json.append("}}").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SafetensorsIndex.weightMap(b, "index.json"))
                .isInstanceOf(SafetensorsFormatException.class).hasMessageContaining("more than");
    }

    private static ByteSource counting(ByteSource src, AtomicLong read) {
        return new ByteSource() {
            @Override
            public long size() {
                return src.size();
            }

            @Override
            public int read(long position, ByteBuffer dst) throws IOException {
                int n = src.read(position, dst);
                read.addAndGet(Math.max(0, n));
                return n;
            }
        };
    }
}
