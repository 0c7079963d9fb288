package dev.runyard.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.error.RunyardException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceleratorDatabaseTest {
    static final AcceleratorDatabase DB = AcceleratorDatabase.bundled();

    @Test
    void holdsAtLeast150SourcedDevicesWithUniqueIds() {
        assertThat(DB.all()).hasSizeGreaterThanOrEqualTo(150);
        Set<String> ids = new HashSet<>();
        for (Accelerator a : DB.all()) {
            assertThat(ids.add(a.id())).as("duplicate id %s", a.id()).isTrue();
            assertThat(a.sourceUrl()).as(a.id()).startsWith("http");
            assertThat(a.bandwidthGbs()).as(a.id()).isPositive();
        }
    }

    @Test
    void everyNameResolvesToItself() {
        for (Accelerator a : DB.all()) {
            assertThat(DB.resolve(a.name()).id()).as(a.name()).isEqualTo(a.id());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4090|nv-rtx4090", "RTX 4090|nv-rtx4090", "NVIDIA GeForce RTX 4090|nv-rtx4090", "rtx4090|nv-rtx4090",
        "H100 SXM|nv-h100-sxm", "M2 Max 38-core|apple-m2max-38c"})
    void resolvesTheWaysPeopleWriteNames(String name, String id) {
        assertThat(DB.resolve(name).id()).isEqualTo(id);
    }

    @Test
    void h100AloneIsACommonVariant() {
        assertThat(DB.resolve("H100").name()).startsWith("H100");
    }

    @Test
    void parsesCountsAndMemory() {
        HardwareSpec two = HardwareSpec.parse("2x RTX 3090", DB);
        assertThat(two.deviceCount()).isEqualTo(2);
        assertThat(two.parts().get(0).accelerator().name()).contains("3090");
        HardwareSpec ultra = HardwareSpec.parse("Apple M3 Ultra (80-core GPU) 512GB", DB);
        assertThat(ultra.parts().get(0).accelerator().id()).isEqualTo("apple-m3ultra-80c");
        assertThat(ultra.totalMemoryBytes()).isEqualTo(512L << 30);
        HardwareSpec mixed = HardwareSpec.parse("RTX 4090 + RTX 3060 12GB", DB);
        assertThat(mixed.deviceCount()).isEqualTo(2);
        assertThat(mixed.identical()).isFalse();
    }

    @Test
    void unknownNameListsFiveClosest() {
        assertThatThrownBy(() -> DB.resolve("RTX 9999 Hyper"))
                .isInstanceOf(RunyardException.class)
                .satisfies(e -> {
                    RunyardException r = (RunyardException) e;
                    assertThat(r.kind()).isEqualTo(RunyardException.Kind.NOT_FOUND);
                    assertThat(r.hint().split(",")).hasSize(5);
                });
    }
}
