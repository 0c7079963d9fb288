package dev.runyard.app;

import dev.runyard.app.cli.RunyardCommand;
import dev.runyard.app.progress.WaitClock;
import dev.runyard.app.serve.ServeCommand;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Process entry point: the CLI's commands plus {@code serve}, which starts the web app. The two surfaces meet here,
 * above both, so that {@code cli} and {@code web} never import each other.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            dev.runyard.app.catalog.CatalogPrefetch.startFor(args);
            code = RunyardCommand.forArgs(args, System::getenv, WaitClock.SYSTEM, new ServeCommand()).execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands on Errors; the user gets one line, not a JVM stack trace.
            System.err.println("runyard: ran out of " + (e instanceof OutOfMemoryError ? "memory" : "stack")
                    + " (the input is too large, or give Java more with RUNYARD_JAVA_OPTS=-Xmx4g)");
            code = 1;
        }
        System.exit(code);
    }

    /** The whole command line, every command included ({@code ./runyard} runs this one). */
    public static CommandLine newCommandLine() {
        return newCommandLine(System::getenv);
    }

    /** … whose commands read the environment through {@code env} (tests pass a map's get). */
    public static CommandLine newCommandLine(Function<String, String> env) {
        return newCommandLine(env, WaitClock.SYSTEM);
    }

    /** … and time network waits with {@code clock} (tests pass a fake they advance). */
    public static CommandLine newCommandLine(Function<String, String> env, WaitClock clock) {
        return RunyardCommand.newCommandLine(env, clock, new ServeCommand());
    }
}
