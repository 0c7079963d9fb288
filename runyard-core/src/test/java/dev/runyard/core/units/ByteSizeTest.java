package dev.runyard.core.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** ByteSize: binary and decimal views are labelled apart, and parsing reads what people type. */
class ByteSizeTest {
    @Test
    void gibAndGbAreLabelledApart() {
        ByteSize s = ByteSize.ofGiB(64);
        assertThat(s.bytes()).isEqualTo(64L << 30);
        assertThat(s.toBinaryString()).isEqualTo("64.00 GiB");
        assertThat(s.toDecimalString()).isEqualTo("68.72 GB");
        assertThat(ByteSize.ofGB(64).toDecimalString()).isEqualTo("64.00 GB");
        assertThat(ByteSize.ofGB(64).toBinaryString()).isEqualTo("59.60 GiB");
        assertThat(s.toString()).isEqualTo(s.toBinaryString());
    }

    @Test
    void smallSizesUseSmallerUnits() {
        assertThat(ByteSize.of(0).toBinaryString()).isEqualTo("0 B");
        assertThat(ByteSize.of(1023).toBinaryString()).isEqualTo("1023 B");
        assertThat(ByteSize.of(1024).toBinaryString()).isEqualTo("1.0 KiB");
        assertThat(ByteSize.ofMiB(1.5).toBinaryString()).isEqualTo("1.5 MiB");
        assertThat(ByteSize.of(999_999).toDecimalString()).isEqualTo("999999 B");
        assertThat(ByteSize.of(1_500_000).toDecimalString()).isEqualTo("1.5 MB");
    }

    @Test
    void arithmeticNeverGoesNegativeOrWraps() {
        assertThat(ByteSize.of(5).minusOrZero(ByteSize.of(7))).isEqualTo(ByteSize.ZERO);
        assertThat(ByteSize.of(5).plus(ByteSize.of(7)).bytes()).isEqualTo(12);
        assertThat(ByteSize.of(3).times(4).bytes()).isEqualTo(12);
        assertThatThrownBy(() -> ByteSize.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteSize.of(Long.MAX_VALUE).plus(ByteSize.of(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ByteSize.of(Long.MAX_VALUE / 2 + 1).times(2)).isInstanceOf(ArithmeticException.class);
        assertThat(ByteSize.of(1).compareTo(ByteSize.of(2))).isNegative();
        assertThat(ByteSize.of(1L << 30).gib()).isEqualTo(1.0);
        assertThat(ByteSize.of(1_000_000_000L).gb()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @CsvSource({
        "64, 68719476736", "64GB, 64000000000", "64GiB, 68719476736", "64 GB, 64000000000", "64 gib, 68719476736",
        "64gb, 64000000000", "1.5, 1610612736", "0.5 GiB, 536870912", "1.5TB, 1500000000000", "2 TiB, 2199023255552",
        "64g, 68719476736", "512M, 536870912", "512 MB, 512000000", "4 KiB, 4096", "4kb, 4000", "100 B, 100",
        "' 32 GiB ', 34359738368", "0, 0", ".5, 536870912", "64., 68719476736"})
    void parsesNumbersWithOrWithoutUnits(String text, long bytes) {
        assertThat(ByteSize.parse(text, ByteSize.GIB).bytes()).isEqualTo(bytes);
    }

    @Test
    void aBareNumberCountsInTheCallersUnit() {
        assertThat(ByteSize.parse("4096", 1).bytes()).isEqualTo(4096);
        assertThat(ByteSize.parse("2", ByteSize.MIB).bytes()).isEqualTo(2L << 20);
        assertThat(ByteSize.parse("2GB", ByteSize.MIB).bytes()).isEqualTo(2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "  ", "GB", "64 GBs", "64 PB", "1e3", "64,5", "0x40", "1.2.3", "NaN", "Infinity",
        "64 G B"})
    void rejectsWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text, ByteSize.GIB)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a size").hasMessageNotContaining("\n");
    }

    @Test
    void rejectsNegativeTooLargeAndNull() {
        assertThatThrownBy(() -> ByteSize.parse("-3", ByteSize.GIB)).hasMessageContaining("negative");
        assertThatThrownBy(() -> ByteSize.parse("-0.5GB", ByteSize.GIB)).hasMessageContaining("negative");
        assertThatThrownBy(() -> ByteSize.parse("9999999999 TiB", ByteSize.GIB)).hasMessageContaining("too large");
        assertThatThrownBy(() -> ByteSize.parse(null, ByteSize.GIB)).hasMessageStartingWith("not a size");
        assertThat(ByteSize.parse("8388607 TiB", ByteSize.GIB).bytes()).isEqualTo(8_388_607L * ByteSize.TIB);
    }
}
