package dev.runyard.app.cli;

import dev.runyard.app.progress.WaitClock;
import dev.runyard.core.error.RunyardException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command: lists the subcommands and maps every error to one line and an exit code, once. Commands that
 * live outside this package ({@code serve}) are added by the entry point, {@link dev.runyard.app.Main}; tests and
 * {@code ./runyard} build the whole command line there.
 */
@Command(name = "runyard", mixinStandardHelpOptions = true, version = "Runyard 0.1.0",
        description = "Hardware-aware AI model discovery: which open-weight LLMs run on your machine, how much "
                + "memory they need and how fast they go.")
public final class RunyardCommand implements Runnable {
    /** The CLI's commands, in the order {@code --help} lists them (added in code so that one can be added alone). */
    static final List<Class<?>> COMMANDS = List.of(FitCommand.class, CalcCommand.class, RunCommand.class,
            CompareCommand.class, EstimateCommand.class, ModelsCommand.class, RadarCommand.class, CatalogCommand.class,
            InspectCommand.class, HardwareCommand.class, AccuracyCommand.class);

    public static final int EXIT_RUNTIME = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_FOUND = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine newCommandLine() {
        return newCommandLine(System::getenv);
    }

    /** A command line whose commands read the environment through {@code env} (tests pass a map's get). */
    public static CommandLine newCommandLine(Function<String, String> env) {
        return newCommandLine(env, WaitClock.SYSTEM);
    }

    /**
     * … and time network waits with {@code clock} (tests pass a fake they advance). {@code more} are subcommands
     * from outside the CLI (the entry point passes {@code serve}); they get the same help options and error mapping.
     */
    public static CommandLine newCommandLine(Function<String, String> env, WaitClock clock, Object... more) {
        return build(env, clock, null, more);
    }

    /**
     * The command line for one invocation: when {@code args} start with a command's name, the root and that command
     * only. picocli reflects over every option of every command it is given, which is a third of a cold start;
     * the one command parses, helps and fails exactly as in the whole tree. Anything else (no command, a root option,
     * {@code help}, a misspelt name) gets the whole tree, so listings and suggestions are unchanged.
     */
    public static CommandLine forArgs(String[] args, Function<String, String> env, WaitClock clock, Object... more) {
        String first = args.length == 0 ? "" : args[0];
        for (Class<?> c : COMMANDS) {
            if (names(c).contains(first)) {
                return build(env, clock, c, more);
            }
        }
        for (Object o : more) {
            if (names(o.getClass()).contains(first)) {
                return build(env, clock, o, more);
            }
        }
        return build(env, clock, null, more);
    }

    private static List<String> names(Class<?> c) {
        Command a = c.getAnnotation(Command.class);
        List<String> out = new ArrayList<>(List.of(a.aliases()));
        out.add(a.name());
        return out;
    }

    /** {@code only}: null for every command, else the one command's class or object. */
    private static CommandLine build(Function<String, String> env, WaitClock clock, Object only, Object[] more) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == InspectCommand.class ? cls.cast(new InspectCommand(env, clock))
                        : cls == CatalogSyncCommand.class ? cls.cast(new CatalogSyncCommand(env, clock))
                        : cls == HubUrlOption.class ? cls.cast(new HubUrlOption(env))
                        : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = new CommandLine(new RunyardCommand(), factory);
        if (only != null) {
            cl.addSubcommand(only instanceof Class<?> c ? new CommandLine(c, factory) : new CommandLine(only, factory));
        } else {
            for (Class<?> c : COMMANDS) {
                cl.addSubcommand(new CommandLine(c, factory));
            }
            for (Object command : more) {
                cl.addSubcommand(command);
            }
            cl.addSubcommand(new CommandLine.HelpCommand()); // listed last, after the commands from outside
        }
        addStandardHelp(cl, cl.getCommandSpec().version());
        cl.setExecutionExceptionHandler(RunyardCommand::handleExecutionException);
        cl.setParameterExceptionHandler(RunyardCommand::handleParameterException);
        return cl;
    }

    /**
     * --help/-h and --version/-V on every command, nested ones included, so a new subcommand cannot forget them.
     * picocli's own {@code help} command brings its --help, so commands that have one are left alone.
     */
    private static void addStandardHelp(CommandLine cl, String[] version) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.mixinStandardHelpOptions(true);
            spec.version(version);
        }
        cl.getSubcommands().values().forEach(sub -> addStandardHelp(sub, version));
    }

    static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        err.println("runyard: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
        return EXIT_USAGE;
    }

    /** Whether {@code ex} was thrown by Runyard's own code (its message was written for people). */
    static boolean ours(Throwable ex) {
        StackTraceElement[] st = ex.getStackTrace();
        return st.length > 0 && st[0].getClassName().startsWith("dev.runyard.");
    }

    static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.expandedArgs().contains("--verbose");
        if (verbose) {
            ex.printStackTrace(err);
        }
        if (ex instanceof RunyardException r) {
            err.println("runyard: " + r.getMessage() + (r.hint() == null ? "" : " (" + r.hint() + ")"));
            return switch (r.kind()) {
                case BAD_INPUT -> EXIT_USAGE;
                case NOT_FOUND -> EXIT_NOT_FOUND;
                case RUNTIME -> EXIT_RUNTIME;
            };
        }
        if (ex instanceof IllegalArgumentException && ours(ex) && ex.getMessage() != null) {
            // Our own check refusing a value (a model shape an estimator cannot size): its words, as bad input.
            err.println("runyard: " + ex.getMessage().lines().findFirst().orElse("") + " (check the input)");
            return EXIT_USAGE;
        }
        // Anything else is a bug: a JDK message ("/ by zero", "Index 1 out of bounds") would mean nothing to the user.
        err.println("runyard: unexpected internal error (" + ex.getClass().getSimpleName()
                + "); run again with --verbose for the stack trace, and please report it");
        return EXIT_RUNTIME;
    }
}
