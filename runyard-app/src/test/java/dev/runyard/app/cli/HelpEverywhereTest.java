package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.Main;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every registered command, however deeply nested, answers --help and -h with its usage on stdout and exit 0. */
class HelpEverywhereTest {
    @TestFactory
    Stream<DynamicTest> everyCommandTakesHelpAndH() {
        List<List<String>> paths = new ArrayList<>();
        walk(Main.newCommandLine(), new ArrayList<>(), new LinkedHashSet<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("", "fit", "catalog", "catalog sync", "serve", "help");
        return paths.stream().flatMap(p -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(
                String.join(" ", p) + " " + flag, () -> {
                    List<String> args = new ArrayList<>(p);
                    args.add(flag);
                    CliRun r = CliRun.of(args.toArray(String[]::new));
                    assertThat(r.exit()).as(r.err()).isZero();
                    assertThat(r.out()).contains(("Usage: runyard " + String.join(" ", p)).strip(), "-h, --help");
                    assertThat(r.err()).isEmpty();
                })));
    }

    @Test
    void nestedCommandsTellTheVersionToo() {
        CliRun r = CliRun.of("catalog", "sync", "-V");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("Runyard 0.1.0");
    }

    /** Depth first; a command registered under several names (aliases) is visited once. */
    private static void walk(CommandLine cl, List<String> path, Set<CommandLine> seen, List<List<String>> out) {
        if (!seen.add(cl)) {
            return;
        }
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            path.add(name);
            walk(sub, path, seen, out);
            path.remove(path.size() - 1);
        });
    }
}
