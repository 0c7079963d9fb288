package dev.runyard.app.serve;

import dev.runyard.app.catalog.CatalogChoice;
import dev.runyard.app.catalog.StoreCatalogSource;
import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.web.HostPolicy;
import dev.runyard.app.web.RigsFile;
import dev.runyard.app.web.StoreRigStore;
import dev.runyard.app.web.VisitLog;
import dev.runyard.app.web.WebApp;
import dev.runyard.core.error.RunyardException;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runyard serve}: the web app and JSON API on one port, until interrupted. Saved rigs live in the store (the
 * same one {@code --db} names), so several servers share them and a killed server loses no acknowledged save; an old
 * rigs file ({@code --rigs}, else the default rigs.json) is imported into the store once.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the web app and the JSON API (/api/v1).", sortOptions = false)
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free).")
    int port;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "A host name the server also answers to (repeatable), besides localhost, its loopback and "
                    + "bound addresses and --host; requests with any other Host header are refused (DNS rebinding).")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--db", paramLabel = "URL",
            description = "Catalog store to serve (default: $RUNYARD_DB, else runyard.db in the user's data directory when it"
                    + " exists, else the catalog shipped in the jar). Saved rigs are kept in this store.")
    String db;

    @Option(names = "--rigs", paramLabel = "FILE", description = "A rigs.json from an earlier version to import into "
            + "the store, once (default: $XDG_DATA_HOME/runyard/rigs.json when it exists). Rigs are saved in the store.")
    Path rigs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        HostPolicy hosts = checkOptions();
        // Decided before the store is opened (opening creates the default file): a fresh machine serves the jar's catalog.
        boolean storeCatalog = CatalogChoice.usesStore(db);
        CatalogStore store = CatalogStore.open(db);
        StoreRigStore rigStore = new StoreRigStore(store);
        Path file = rigs != null ? rigs : RigsFile.defaultPath(System::getenv);
        int imported = rigStore.importFile(file);
        WebApp.Deps deps = WebApp.Deps.defaults(rigStore);
        if (storeCatalog) {
            deps = new WebApp.Deps(new StoreCatalogSource(db), rigStore, deps.machines());
        }
        // The radar's "new since your last visit" is kept in the same store, shared by every server on it.
        Javalin app = WebApp.create(deps.warming().withVisits(VisitLog.of(store)), hosts);
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot listen on " + host + ":" + port,
                    "is the port in use? try --port 0", e);
        }
        dev.runyard.app.web.HttpWarmUp.startAfterRankingWarmUp(app, host);
        String at = host.contains(":") ? "[" + host + "]" : host;
        spec.commandLine().getOut().println("Runyard on http://" + at + ":" + app.port() + "/ (API /api/v1, rigs in "
                + rigStore.display() + (imported > 0 ? ", " + imported + " imported from " + file : "")
                + "); Ctrl-C to stop");
        spec.commandLine().getOut().flush();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            done.countDown();
        }));
        done.await();
        return 0;
    }

    /** Every option checked before anything is opened; returns the hosts the server answers to. */
    private HostPolicy checkOptions() {
        if (port < 0 || port > 65535) {
            throw RunyardException.badInput("--port must be 0 to 65535, got " + port, "e.g. --port 8080");
        }
        if (host.isBlank() || HostPolicy.normalizeName(host).isEmpty() && !host.contains(":")
                && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw RunyardException.badInput("--host must be an address or host name, got \"" + host + "\"",
                    "e.g. --host 127.0.0.1, or --host 0.0.0.0 for every interface");
        }
        for (String name : allowedHosts) {
            if (HostPolicy.normalizeName(name).isEmpty()) {
                throw RunyardException.badInput("--allowed-host must be a host name, got \"" + name + "\"",
                        "e.g. --allowed-host runyard.lan");
            }
        }
        if (db != null && db.isBlank()) {
            throw RunyardException.badInput("--db needs a path or URL, got an empty one", "leave it out for the default");
        }
        if (rigs != null && rigs.toString().isBlank()) {
            throw RunyardException.badInput("--rigs needs a file, got an empty path", "leave it out for the default");
        }
        return HostPolicy.forBind(host.strip(), allowedHosts);
    }
}
