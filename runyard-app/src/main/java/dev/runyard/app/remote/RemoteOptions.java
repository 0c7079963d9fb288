package dev.runyard.app.remote;

import dev.runyard.app.progress.WaitProgress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How remote reads behave: hub endpoint, token, timeouts, retries and progress display.
 *
 * @param hub          the Hugging Face endpoint ({@code --hub-url}, else {@code RUNYARD_HF_ENDPOINT}, else huggingface.co)
 * @param token        {@code HF_TOKEN}, sent as a bearer token to the hub host only
 * @param connectTimeout TCP/TLS connect timeout
 * @param readTimeout  longest wait for response headers, and longest stall while reading a body
 * @param maxTries     attempts per request on connection errors, 429 and 5xx
 * @param backoff      first retry delay; doubled per retry, with ±50% jitter
 * @param progress     where waits longer than a second are reported (stderr in the CLI)
 * @param sleeper      how retries wait (tests record instead of sleeping)
 * @param requestDeadline longest one request may take in all: connecting, headers, body and every retry
 * @param deadline     when the whole command gives up ({@link Deadline#NONE}: never), on the command's clock
 */
public record RemoteOptions(URI hub, Optional<String> token, Duration connectTimeout, Duration readTimeout,
                            int maxTries, Duration backoff, WaitProgress progress, Sleeper sleeper,
                            Duration requestDeadline, Deadline deadline) {
    public static final String DEFAULT_HUB_URL = "https://huggingface.co";
    public static final URI DEFAULT_HUB = URI.create(DEFAULT_HUB_URL);
    /** huggingface_hub retries 5 times; four tries keep a dead host's failure under ~10 s at the default backoff. */
    public static final int DEFAULT_TRIES = 4;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);
    /** Longest wait a server's Retry-After may ask for before we give up waiting that long. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    /** Stall limit per read: a header or body that sends nothing for this long is retried. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /**
     * One request in all, retries included: twice the stall limit, so one stalled try can be retried once, and a
     * server that drips a byte every few seconds cannot hold a request for minutes.
     */
    public static final Duration DEFAULT_REQUEST_DEADLINE = Duration.ofSeconds(60);

    /** Waits between retries. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Options with the default per-request deadline and no command deadline. */
    public RemoteOptions(URI hub, Optional<String> token, Duration connectTimeout, Duration readTimeout, int maxTries,
                         Duration backoff, WaitProgress progress, Sleeper sleeper) {
        this(hub, token, connectTimeout, readTimeout, maxTries, backoff, progress, sleeper, DEFAULT_REQUEST_DEADLINE,
                Deadline.NONE);
    }

    public RemoteOptions {
        if (requestDeadline.isNegative() || requestDeadline.isZero()) {
            throw new IllegalArgumentException("requestDeadline must be positive");
        }
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1");
        }
        if (!"https".equals(hub.getScheme()) && !"http".equals(hub.getScheme())) {
            throw new IllegalArgumentException("hub must be an http(s) URL: " + hub);
        }
    }

    /** The same options with the whole command held to {@code d}. */
    public RemoteOptions withDeadline(Deadline d) {
        return new RemoteOptions(hub, token, connectTimeout, readTimeout, maxTries, backoff, progress, sleeper,
                requestDeadline, d);
    }

    /** The deadline of one request starting now: the per-request budget, or the command's if that ends first. */
    Deadline requestDeadlineFromNow() {
        return deadline.within(requestDeadline, Deadline.describe(requestDeadline) + " per request");
    }

    /**
     * Options from the environment: {@code HF_TOKEN}, {@code RUNYARD_HF_ENDPOINT} (unless {@code hubUrl} is given)
     * and, for tests and slow links, {@code RUNYARD_HTTP_BACKOFF_MS}, {@code RUNYARD_HTTP_TRIES},
     * {@code RUNYARD_HTTP_TIMEOUT_MS} (stall limit per read) and {@code RUNYARD_HTTP_DEADLINE_MS} (one request in all).
     */
    public static RemoteOptions fromEnv(Function<String, String> env, String hubUrl, WaitProgress progress) {
        String hub = hubUrl != null ? hubUrl : env.apply("RUNYARD_HF_ENDPOINT");
        URI hubUri = hub == null || hub.isBlank() ? DEFAULT_HUB : parseHub(hub);
        String token = env.apply("HF_TOKEN");
        Duration backoff = Duration.ofMillis(intEnv(env, "RUNYARD_HTTP_BACKOFF_MS", (int) DEFAULT_BACKOFF.toMillis()));
        int tries = intEnv(env, "RUNYARD_HTTP_TRIES", DEFAULT_TRIES);
        Duration read = Duration.ofMillis(Math.max(1, intEnv(env, "RUNYARD_HTTP_TIMEOUT_MS",
                (int) DEFAULT_READ_TIMEOUT.toMillis())));
        Duration request = Duration.ofMillis(Math.max(1, intEnv(env, "RUNYARD_HTTP_DEADLINE_MS",
                (int) DEFAULT_REQUEST_DEADLINE.toMillis())));
        return new RemoteOptions(hubUri, Optional.ofNullable(token).map(String::strip).filter(t -> !t.isEmpty()),
                Duration.ofSeconds(10), read, Math.max(1, tries), backoff, progress, d -> Thread.sleep(d.toMillis()),
                request, Deadline.NONE);
    }

    private static URI parseHub(String hub) {
        try {
            URI u = URI.create(hub.strip().replaceAll("/+$", ""));
            if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw dev.runyard.core.error.RunyardException.badInput("hub URL '" + hub + "' is not an http(s) URL",
                    "pass --hub-url https://huggingface.co or a mirror");
        }
    }

    private static int intEnv(Function<String, String> env, String name, int dflt) {
        String v = env.apply(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw dev.runyard.core.error.RunyardException.badInput(name + "=" + v + " is not a whole number",
                    "unset " + name + " or give it a number");
        }
    }
}
