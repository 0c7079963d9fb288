package dev.runyard.core.format.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.core.format.ByteSource;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates a small generated GGUF at least 10,000 ways: every truncation, bytes flipped at random, and every header
 * position overwritten with huge, negative and zero values. Each must end in a header or a GgufFormatException;
 * anything else (another exception, an OutOfMemoryError) fails the test. How long it takes is not asserted: that
 * depends on the machine, not on the code.
 */
class GgufFuzzTest {
    private static final long[] NASTY = {-1L, Long.MAX_VALUE, Long.MIN_VALUE, 0x7fff_ffffL, 0xffff_ffffL,
        1L << 32, 1L << 40, 0, 5, 99};

    private int parsed;
    private int rejected;

    @Test
    void mutationsEndInAHeaderOrAFormatException() {
        byte[] base = GgufFixtures.small();
        long headerEnd = GgufReader.read(ByteSource.of(base), "base").headerBytes();
        for (int len = 0; len <= base.length; len++) {
            check(Arrays.copyOf(base, len));
        }
        for (int at = 0; at < headerEnd; at++) {
            for (long v : NASTY) {
                byte[] b = base.clone();
                for (int i = 0; i < 8 && at + i < b.length; i++) {
                    b[at + i] = (byte) (v >>> (8 * i));
                }
                check(b);
            }
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int n = 0; n < 6000; n++) {
            byte[] b = base.clone();
            int flips = 1 + rnd.nextInt(4);
            for (int f = 0; f < flips; f++) {
                b[rnd.nextInt((int) headerEnd)] ^= (byte) (1 << rnd.nextInt(8));
            }
            check(rnd.nextInt(4) == 0 ? Arrays.copyOf(b, rnd.nextInt(b.length + 1)) : b);
        }
        assertThat(parsed + rejected).isGreaterThanOrEqualTo(10_000);
        assertThat(rejected).isPositive();
    }

    private void check(byte[] b) {
        try {
            GgufHeader h = GgufReader.read(ByteSource.of(b), "fuzz.gguf");
            // Helpers must not throw on anything the reader accepted.
            h.parameterCount();
            h.tensorBytes();
            h.bytesByType();
            h.bytesPerLayer();
            h.fileType();
            h.contextLength();
            h.dataOffset();
            parsed++;
        } catch (GgufFormatException e) {
            assertThat(e.getMessage()).startsWith("fuzz.gguf").doesNotContain("\n");
            rejected++;
        }
    }
}
