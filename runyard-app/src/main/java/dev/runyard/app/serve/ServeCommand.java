package dev.runyard.app.serve;

import dev.runyard.app.web.FileRigStore;
import dev.runyard.app.web.WebApp;
import dev.runyard.core.error.RunyardException;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code runyard serve}: the web app and JSON API on one port, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web app and the JSON API (/api/v1).", sortOptions = false)
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--db", paramLabel = "URL",
            description = "Catalog store to serve (default: $RUNYARD_DB, else runyard.db in the user's data directory when it"
                    + " exists, else the catalog shipped in the jar).")
    String db;

    @Option(names = "--rigs", paramLabel = "FILE", description = "Saved rigs file (default: $XDG_DATA_HOME/runyard/rigs.json).")
    java.nio.file.Path rigs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw RunyardException.badInput("--port must be 0 to 65535, got " + port, "e.g. --port 8080");
        }
        PrintWriter err = spec.commandLine().getErr();
        FileRigStore store = new FileRigStore(rigs != null ? rigs : FileRigStore.defaultPath(System::getenv));
        WebApp.Deps deps = WebApp.Deps.defaults(store);
        if (dev.runyard.app.catalog.CatalogChoice.usesStore(db)) {
            deps = new WebApp.Deps(new dev.runyard.app.catalog.StoreCatalogSource(db), store, deps.machines());
        }
        Javalin app = WebApp.create(deps);
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot listen on " + host + ":" + port,
                    "is the port in use? try --port 0", e);
        }
        spec.commandLine().getOut().println("Runyard on http://" + host + ":" + app.port() + "/ (API /api/v1, rigs in "
                + store.file() + "); Ctrl-C to stop");
        spec.commandLine().getOut().flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            done.countDown();
        }));
        done.await();
        return 0;
    }
}
