package dev.runyard.app.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineResolverDescriptionTest {
    @Test
    void mixedGpusAreNamedEachWithItsCount() {
        assertThat(MachineResolver.resolve("RTX 4090 + RTX 3060", null, 64L << 30).description())
                .isEqualTo("1x GeForce RTX 4090 + 1x GeForce RTX 3060 12GB");
        assertThat(MachineResolver.resolve("RTX 3090", 4, 64L << 30).description()).isEqualTo("4x GeForce RTX 3090");
    }
}
