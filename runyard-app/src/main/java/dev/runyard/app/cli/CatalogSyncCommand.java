package dev.runyard.app.cli;

import dev.runyard.app.progress.WaitClock;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.sync.CatalogSync;
import dev.runyard.app.sync.SyncReport;
import dev.runyard.core.error.RunyardException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runyard catalog sync}: new models and quantized variants from the Hugging Face Hub into the store. */
@Command(name = "sync", description = "Fetch new models and quantized variants of tracked organisations from the "
        + "Hugging Face Hub (HF_TOKEN is sent when set). Incremental; safe to interrupt and rerun.")
public final class CatalogSyncCommand implements Callable<Integer> {
    @Option(names = "--since", paramLabel = "DATE", description = "Handle every repo changed since DATE (YYYY-MM-DD), "
            + "synced before or not, instead of the repos new since the last sync.")
    String since;

    @Option(names = "--hub-url", paramLabel = "URL", defaultValue = RemoteOptions.DEFAULT_HUB_URL,
            description = "Hub base URL (default: ${DEFAULT-VALUE}).")
    String hubUrl;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "Repos per page of each organisation's listing, newest first; every page is read "
                    + "(default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    DbOption db;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private final Function<String, String> env;
    private final WaitClock clock;

    public CatalogSyncCommand() {
        this(System::getenv, WaitClock.SYSTEM);
    }

    /**
     * Reading {@code HF_TOKEN} (and the retry settings, see {@link RemoteOptions#fromEnv}) through {@code env}, with
     * network waits timed by {@code clock} for the progress shown on stderr.
     */
    CatalogSyncCommand(Function<String, String> env, WaitClock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) {
            throw RunyardException.badInput("--limit must be between 1 and 1000, got " + limit, "e.g. --limit 100");
        }
        if (!hubUrl.startsWith("http://") && !hubUrl.startsWith("https://")) {
            throw RunyardException.badInput("--hub-url must be an http(s) URL, got \"" + hubUrl + "\"",
                    "e.g. --hub-url https://huggingface.co");
        }
        Instant from = since == null ? null : parseDate(since);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SyncReport report;
        try (CatalogStore store = CatalogStore.open(db.spec()); Progress progress = new Progress(!common.json())) {
            WaitProgress waits = new WaitProgress(progress.waits(WaitProgress.stderr(err)), clock);
            HubClient hub = new HubClient(new HttpFetcher(RemoteOptions.fromEnv(env, hubUrl, waits)));
            report = new CatalogSync(store, hub, limit, progress).run(from);
        }
        report.warnings().forEach(w -> err.println("runyard: warning: " + w));
        report.failures().forEach(f -> err.println("runyard: " + f));
        if (common.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("candidates", report.candidates());
            m.put("models", report.models());
            m.put("variants", report.variants());
            m.put("unchanged", report.unchanged());
            m.put("failures", report.failures());
            m.put("cursor", report.cursor());
            m.put("pending", report.pending());
            m.put("rejected", report.rejected());
            m.put("warnings", report.warnings());
            out.println(Json.write(m));
        } else {
            out.printf("%d repos looked at: %d models, %d variants, %d unchanged, %d waiting for their base, "
                    + "%d rejected, %d failed; cursor %s%n", report.candidates(), report.models(), report.variants(),
                    report.unchanged(), report.pending(), report.rejected(), report.failures().size(),
                    report.cursor() == null ? "-" : report.cursor());
        }
        out.flush();
        err.flush();
        return report.failures().isEmpty() ? 0 : RunyardCommand.EXIT_RUNTIME;
    }

    static Instant parseDate(String s) {
        try {
            return LocalDate.parse(s.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw RunyardException.badInput("--since must be YYYY-MM-DD, got \"" + s + "\"", "e.g. --since 2025-06-01");
        }
    }

    /** A progress bar on stderr, only when the terminal is interactive. */
    static final class Progress implements CatalogSync.Listener, AutoCloseable {
        private final boolean enabled;
        private volatile ProgressBar bar;

        Progress(boolean wanted) {
            this.enabled = wanted && System.console() != null;
        }

        @Override
        public void started(int candidates) {
            if (enabled && candidates > 0) {
                bar = new ProgressBarBuilder().setTaskName("sync").setInitialMax(candidates)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
        }

        @Override
        public void done(String repoId, String outcome) {
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(repoId);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }

        /** Long waits go into the bar's message while it is drawn (two things redrawing one line would garble it). */
        WaitProgress.Display waits(WaitProgress.Display stderr) {
            return new WaitProgress.Display() {
                @Override
                public void waiting(String what, long seconds) {
                    ProgressBar b = bar;
                    if (b != null) {
                        b.setExtraMessage(WaitProgress.text(what, seconds));
                    } else {
                        stderr.waiting(what, seconds);
                    }
                }

                @Override
                public void done() {
                    ProgressBar b = bar;
                    if (b != null) {
                        b.setExtraMessage("");
                    } else {
                        stderr.done();
                    }
                }
            };
        }
    }
}
