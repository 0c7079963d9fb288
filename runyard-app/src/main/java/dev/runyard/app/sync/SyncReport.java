package dev.runyard.app.sync;

import java.util.List;

/** What one sync did: models written, variants attached, repos left alone, failures (one line each), the cursor. */
public record SyncReport(int candidates, int models, int variants, int unchanged, List<String> failures, String cursor) {
    public SyncReport {
        failures = List.copyOf(failures);
    }
}
