package dev.runyard.core.rank;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;

/**
 * What the user asked for: use case, minimum context and speed, an engine (null = pick per machine), licence filter
 * ("open", "commercial" or null) and how many results.
 */
public record RankOptions(UseCase useCase, long minCtx, double minTps, Engine engine, String license, int limit) {
    public RankOptions {
        if (minCtx < 0 || minCtx > 10_000_000) {
            throw RunyardException.badInput("--min-ctx must be 0 to 10,000,000", "e.g. --min-ctx 32768");
        }
        if (!(minTps >= 0 && minTps <= 100_000)) { // NaN included
            throw RunyardException.badInput("--min-tps must be 0 to 100,000", "e.g. --min-tps 20");
        }
        if (limit <= 0 || limit > 10_000) {
            throw RunyardException.badInput("--limit must be 1 to 10,000", "e.g. --limit 20");
        }
        if (license != null && !license.equals("open") && !license.equals("commercial")) {
            throw RunyardException.badInput("--license must be open or commercial", "e.g. --license commercial");
        }
    }

    public static RankOptions defaults() {
        return new RankOptions(UseCase.GENERAL, 0, 0, null, null, 20);
    }
}
