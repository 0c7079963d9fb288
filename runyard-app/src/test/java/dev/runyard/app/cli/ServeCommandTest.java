package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void isListedAndRefusesABadPort() {
        assertThat(CliRun.of("--help").out()).contains("serve");
        CliRun bad = CliRun.of("serve", "--port", "70000");
        assertThat(bad.exit()).isEqualTo(RunyardCommand.EXIT_USAGE);
        assertThat(bad.err()).contains("--port");
        assertThat(CliRun.of("serve", "--help").out()).contains("--db", "--host");
    }
}
