package dev.runyard.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.Main;
import dev.runyard.app.progress.WaitClock;
import dev.runyard.app.serve.ServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code ./runyard} builds only the command it is asked for ({@link RunyardCommand#forArgs}): every answer that does
 * not run a command (help, version, each kind of usage error) must be the whole tree's, byte for byte.
 */
class LazyCommandLineTest {
    static Stream<List<String>> invocations() {
        List<List<String>> out = new ArrayList<>();
        for (String name : Main.newCommandLine().getSubcommands().keySet()) {
            out.add(List.of(name, "--help"));
            out.add(List.of(name, "-V"));
            out.add(List.of(name, "--no-such-flag"));
        }
        out.add(List.of("catalog", "sync", "--help"));
        out.add(List.of("fit", "--gpu"));
        out.add(List.of("fit", "--ctx", "lots"));
        out.add(List.of("estimate"));
        out.add(List.of("fitt"));
        out.add(List.of("--version"));
        out.add(List.of());
        out.add(List.of("help", "fit"));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("invocations")
    void oneCommandAnswersAsTheWholeTree(List<String> args) {
        String[] a = args.toArray(String[]::new);
        Run whole = run(Main.newCommandLine(), a);
        Run lazy = run(RunyardCommand.forArgs(a, System::getenv, WaitClock.SYSTEM, new ServeCommand()), a);
        assertThat(lazy).isEqualTo(whole);
    }

    @ParameterizedTest
    @MethodSource("invocations")
    void buildsOnlyTheNamedCommand(List<String> args) {
        String[] a = args.toArray(String[]::new);
        CommandLine cl = RunyardCommand.forArgs(a, System::getenv, WaitClock.SYSTEM, new ServeCommand());
        boolean named = !args.isEmpty() && Main.newCommandLine().getSubcommands().containsKey(args.get(0))
                && !args.get(0).equals("help");
        assertThat(cl.getSubcommands().size()).isEqualTo(named ? 1 : Main.newCommandLine().getSubcommands().size());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
