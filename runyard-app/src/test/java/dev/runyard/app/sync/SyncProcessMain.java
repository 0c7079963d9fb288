package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.progress.WaitProgress;
import dev.runyard.app.remote.HttpFetcher;
import dev.runyard.app.remote.HubClient;
import dev.runyard.app.remote.RemoteOptions;
import dev.runyard.app.store.CatalogStore;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One catalog sync in a JVM of its own, so that the fault suite can {@code kill -9} it: {@code HUB_URL DB PAGE_SIZE}.
 * Prints the report as one JSON line; exits 0 when nothing failed.
 */
public final class SyncProcessMain {
    private SyncProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        RemoteOptions options = new RemoteOptions(URI.create(args[0]), Optional.empty(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 3, Duration.ofMillis(10), WaitProgress.SILENT, d -> Thread.sleep(d.toMillis()));
        SyncReport r;
        try (CatalogStore store = CatalogStore.open(args[1])) {
            r = new CatalogSync(store, new HubClient(new HttpFetcher(options)), Integer.parseInt(args[2]),
                    new CatalogSync.Listener() { }).run(null);
        }
        System.out.println(new ObjectMapper().writeValueAsString(r));
        System.exit(r.failures().isEmpty() ? 0 : 1);
    }
}
