package dev.runyard.app.sync;

import java.util.List;

/**
 * What one sync did: models written, variants attached, repos left alone, failures (one line each; retried by the
 * next run), the cursor, variants still waiting for their base model, Hub records rejected as malformed and the
 * warnings that name them.
 */
public record SyncReport(int candidates, int models, int variants, int unchanged, List<String> failures, String cursor,
                         int pending, int rejected, List<String> warnings) {
    public SyncReport {
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }
}
