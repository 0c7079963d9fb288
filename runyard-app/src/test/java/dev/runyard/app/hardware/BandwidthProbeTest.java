package dev.runyard.app.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BandwidthProbeTest {
    @Test
    void measuresAFiniteBandwidthWithinItsBounds() {
        // The smallest arrays it allows (32 MiB each on a 1 GiB machine): a real copy, quickly.
        double gbs = BandwidthProbe.measure(2, 1L << 30);
        assertThat(gbs).isPositive().isLessThan(10_000);
    }
}
