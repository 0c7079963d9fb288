package dev.runyard.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runyard.core.error.RunyardException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DbSpecTest {
    @Test
    void defaultsToTheUsersDataDirectory() {
        assertThat(DbSpec.resolve(null, Map.of("XDG_DATA_HOME", "/xdg"), "Linux", "/home/u").file())
                .isEqualTo(Path.of("/xdg/runyard/runyard.db"));
        assertThat(DbSpec.resolve(null, Map.of(), "Linux", "/home/u").file())
                .isEqualTo(Path.of("/home/u/.local/share/runyard/runyard.db"));
        assertThat(DbSpec.resolve(null, Map.of(), "Mac OS X", "/Users/u").file())
                .isEqualTo(Path.of("/Users/u/Library/Application Support/runyard/runyard.db"));
        assertThat(DbSpec.defaultFile(Map.of("LOCALAPPDATA", "/appdata"), "Windows 11", "/h"))
                .isEqualTo(Path.of("/appdata", "runyard", "runyard.db"));
    }

    @Test
    void theOptionWinsOverTheEnvironment() {
        Map<String, String> env = Map.of("RUNYARD_DB", "/env/r.db");
        assertThat(DbSpec.resolve(null, env, "Linux", "/h").file()).isEqualTo(Path.of("/env/r.db"));
        assertThat(DbSpec.resolve("/opt/x.db", env, "Linux", "/h").jdbcUrl()).isEqualTo("jdbc:sqlite:/opt/x.db");
    }

    @Test
    void postgresUrlsBecomeJdbcUrlsWithCredentialsApart() {
        DbSpec s = DbSpec.parse("postgresql://runyard:p%40ss@db.example:6543/catalog?sslmode=require");
        assertThat(s.kind()).isEqualTo(DbSpec.Kind.POSTGRES);
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/catalog?sslmode=require");
        assertThat(s.user()).isEqualTo("runyard");
        assertThat(s.password()).isEqualTo("p@ss");
        assertThat(s.display()).doesNotContain("p@ss").doesNotContain("p%40ss");
        assertThat(DbSpec.parse("postgres://h/d").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d");
    }

    @Test
    void otherSchemesAreBadInput() {
        assertThatThrownBy(() -> DbSpec.parse("mysql://u:pw@h/d")).isInstanceOfSatisfying(RunyardException.class,
                e -> assertThat(e.kind()).isEqualTo(RunyardException.Kind.BAD_INPUT));
    }
}
