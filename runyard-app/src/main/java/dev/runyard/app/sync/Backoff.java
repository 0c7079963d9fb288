package dev.runyard.app.sync;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Retry policy for the Hub: up to {@code maxTries} attempts; between them, the server's Retry-After when it sends one,
 * else exponential backoff with jitter ({@code base * 2^(n-1)}, scaled by 0.5–1.0), both capped at {@code maxMillis}.
 */
public record Backoff(long baseMillis, long maxMillis, int maxTries) {
    /** One second doubling to at most a minute, five tries: polite to the Hub's rate limiter. */
    public static final Backoff DEFAULT = new Backoff(1_000, 60_000, 5);

    public Backoff {
        if (baseMillis < 0 || maxMillis < baseMillis || maxTries < 1) {
            throw new IllegalArgumentException("bad backoff " + baseMillis + "/" + maxMillis + "/" + maxTries);
        }
    }

    /** Milliseconds to wait after failed attempt {@code attempt} (1-based); {@code retryAfterS} may be null. */
    public long delay(int attempt, Long retryAfterS) {
        if (retryAfterS != null && retryAfterS >= 0) {
            return Math.min(retryAfterS * 1000, maxMillis);
        }
        long exp = baseMillis << Math.min(attempt - 1, 20);
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Math.min((long) (exp * jitter), maxMillis);
    }
}
