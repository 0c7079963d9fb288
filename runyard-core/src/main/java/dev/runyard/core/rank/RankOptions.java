package dev.runyard.core.rank;

import dev.runyard.core.error.RunyardException;
import dev.runyard.core.estimate.Engine;

/**
 * What the user asked for: use case, minimum context and speed, an engine (null = pick per machine), licence filter
 * (null or "any": every open-weights model, unknown licences marked; "open": a known licence; "commercial": a
 * permissive licence with no conditions to check), how many results, and a kind (null = the chat-capable kinds).
 */
public record RankOptions(UseCase useCase, long minCtx, double minTps, Engine engine, String license, int limit,
                          dev.runyard.core.catalog.ModelKind kind) {
    public RankOptions(UseCase useCase, long minCtx, double minTps, Engine engine, String license, int limit) {
        this(useCase, minCtx, minTps, engine, license, limit, null);
    }

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
        if (license != null && !license.equals("open") && !license.equals("commercial") && !license.equals("any")) {
            throw RunyardException.badInput("--license must be open, commercial or any", "e.g. --license commercial");
        }
    }

    /** Whether a model passes the licence and kind filters. */
    public boolean admits(dev.runyard.core.catalog.CatalogModel m) {
        var lc = m.licenseClass();
        boolean licence = license == null || license.equals("any")
                || license.equals("open") && lc != dev.runyard.core.catalog.LicenseClass.UNKNOWN
                || license.equals("commercial") && lc == dev.runyard.core.catalog.LicenseClass.PERMISSIVE;
        var k = m.kind();
        return licence && (kind == null ? k.chatCapable() : k == kind);
    }

    public static RankOptions defaults() {
        return new RankOptions(UseCase.GENERAL, 0, 0, null, null, 20, null);
    }
}
