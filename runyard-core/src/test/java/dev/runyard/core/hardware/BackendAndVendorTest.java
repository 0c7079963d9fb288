package dev.runyard.core.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Backends and vendors are parsed once from text and shown as the same text again. */
class BackendAndVendorTest {
    @Test
    void backendsParseInAnyCaseAndShowTheirLowerCaseKey() throws Exception {
        for (Backend b : Backend.values()) {
            assertThat(Backend.parse(b.key().toUpperCase())).contains(b);
            assertThat(b.toString()).isEqualTo(b.key()).isLowerCase();
        }
        assertThat(Backend.parse(" hip ")).contains(Backend.ROCM);
        assertThat(Backend.parse("opencl")).isEmpty();
        assertThat(Backend.parse(null)).isEmpty();
        assertThat(new ObjectMapper().writeValueAsString(Map.of("backend", Backend.METAL)))
                .isEqualTo("{\"backend\":\"metal\"}");
    }

    @Test
    void databaseVendorsReadAsEnumsAndShowAsWritten() {
        assertThat(AcceleratorDatabase.bundled().all()).allSatisfy(a ->
                assertThat(GpuVendor.of(a.vendor().displayName())).isEqualTo(a.vendor()));
        assertThat(AcceleratorDatabase.bundled().find("RTX 4090").orElseThrow().vendor()).isEqualTo(GpuVendor.NVIDIA);
        assertThat(AcceleratorDatabase.bundled().find("M3 Max").orElseThrow().vendor().displayName()).isEqualTo("Apple");
        assertThat(GpuVendor.of("Generic")).isEqualTo(GpuVendor.OTHER);
        assertThat(GpuVendor.AMD.defaultBackend()).isEqualTo(Backend.ROCM);
    }
}
