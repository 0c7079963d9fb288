package dev.runyard.app.remote;

import dev.runyard.app.progress.WaitProgress;
import dev.runyard.core.error.RunyardException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET requests with the policies every remote read shares (header reads and the Hub API alike): bearer token for
 * the hub host only, redirects followed by hand (https only, plain http only to loopback, at most
 * {@value #MAX_REDIRECTS} hops; the token is never forwarded to another host), retries with exponential backoff and
 * jitter on connection errors, 429 and 5xx (honouring Retry-After on 429 and 503), and one-line errors for the rest.
 * Each request (retries included) ends by its deadline ({@link RemoteOptions#requestDeadline}, or the command's if
 * sooner), however slowly the server answers. Counts every body byte it reads, for {@code bytes_downloaded}.
 */
public final class HttpFetcher {
    static final int MAX_REDIRECTS = 5;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** Reads what it needs from a non-error response; an {@link IOException} here is retried like a dropped link. */
    @FunctionalInterface
    public interface Handler<T> {
        T handle(HttpResponse<InputStream> response, BodyReader body) throws IOException;
    }

    private final HttpClient client;
    private final RemoteOptions options;
    private final AtomicLong downloaded = new AtomicLong();

    public HttpFetcher(RemoteOptions options) {
        this.options = options;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public RemoteOptions options() {
        return options;
    }

    /** Body bytes read so far by every request of this fetcher. */
    public long bytesDownloaded() {
        return downloaded.get();
    }

    /**
     * GETs {@code uri} (with a {@code Range} header unless {@code range} is null) and hands the response, whatever
     * its 2xx/416 status, to {@code handler}; the body is always closed afterwards.
     */
    public <T> T get(URI uri, String range, Handler<T> handler) {
        return get(uri, range, Set.of(), handler);
    }

    /** … and hands {@code handled} error statuses (say 404) to {@code handler} too, instead of failing on them. */
    public <T> T get(URI uri, String range, Set<Integer> handled, Handler<T> handler) {
        // One deadline and one wait cover connecting, the answer, the body and the retries: what the user waits through.
        Deadline deadline = options.requestDeadlineFromNow();
        try (WaitProgress.Wait ignored = options.progress().begin(host(uri))) {
            return getWithRetries(uri, range, handled, handler, deadline);
        }
    }

    private <T> T getWithRetries(URI uri, String range, Set<Integer> handled, Handler<T> handler, Deadline deadline) {
        String last = "no attempt";
        for (int attempt = 1; attempt <= options.maxTries(); attempt++) {
            if (deadline.expired()) {
                throw deadline.exceeded(display(uri));
            }
            Duration wait = backoff(attempt);
            try {
                HttpResponse<InputStream> r = follow(uri, range, deadline);
                try (InputStream ignored = r.body()) {
                    int s = r.statusCode();
                    if ((s == 429 || s >= 500) && !handled.contains(s)) {
                        last = "HTTP " + s;
                        wait = s == 429 || s == 503 ? retryAfter(r).orElse(wait) : wait;
                    } else {
                        if (!handled.contains(s)) {
                            checkStatus(uri, s);
                        }
                        return handler.handle(r, new BodyReader(r.body(), options, downloaded, display(uri), deadline));
                    }
                }
            } catch (HttpTimeoutException e) {
                last = "timed out";
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (attempt < options.maxTries()) {
                if (wait.compareTo(deadline.remaining()) >= 0) {
                    // Sleeping past the deadline only to fail then: stop now, and say why.
                    throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot reach " + display(uri) + ": "
                            + last + " after " + attempt + (attempt == 1 ? " try" : " tries") + "; the next try ("
                            + Deadline.describe(wait) + " later) would pass the " + deadline.what() + " limit",
                            "check the URL and your connection, then try again");
                }
                sleep(wait);
            }
        }
        throw new RunyardException(RunyardException.Kind.RUNTIME, "cannot reach " + display(uri) + ": " + last
                + " after " + options.maxTries() + " tries", "check the URL and your connection, then try again");
    }

    private HttpResponse<InputStream> follow(URI start, String range, Deadline deadline) throws IOException {
        URI at = start;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(at).GET().timeout(perTry(deadline))
                    .header("User-Agent", "runyard/0.1");
            if (range != null) {
                b.header("Range", range);
            }
            if (options.token().isPresent() && sameHost(at, options.hub())) {
                b.header("Authorization", "Bearer " + options.token().get());
            }
            HttpResponse<InputStream> r = send(b.build(), at, deadline);
            int s = r.statusCode();
            if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
                return r;
            }
            r.body().close();
            String location = r.headers().firstValue("Location").orElseThrow(() -> new RunyardException(
                    RunyardException.Kind.RUNTIME, display(start) + " redirects without a Location", null));
            if (hop + 1 > MAX_REDIRECTS) {
                throw new RunyardException(RunyardException.Kind.RUNTIME, display(start) + " redirects more than "
                        + MAX_REDIRECTS + " times", "check the URL");
            }
            at = checkedRedirect(at, location);
        }
    }

    /** The stall limit for response headers, never past the deadline. */
    private Duration perTry(Deadline deadline) {
        Duration left = deadline.remaining();
        Duration t = left.compareTo(options.readTimeout()) < 0 ? left : options.readTimeout();
        return t.isZero() ? Duration.ofMillis(1) : t;
    }

    /**
     * Sends and waits for the response headers, at most until the deadline: the connect timeout and the request
     * timeout each bound one phase, the deadline bounds them together.
     */
    private HttpResponse<InputStream> send(HttpRequest req, URI at, Deadline deadline) throws IOException {
        CompletableFuture<HttpResponse<InputStream>> f = client.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
        try {
            return f.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            f.thenAccept(late -> closeQuietly(late.body()));
            throw deadline.exceeded(display(at));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new RunyardException(RunyardException.Kind.RUNTIME, "interrupted while reading " + display(at), null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while (c instanceof CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c == null ? "request failed" : c.getClass().getSimpleName(), c);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // an answer nobody waits for any more
        }
    }

    /**
     * The redirect target, if it is https, or plain http from plain http on loopback to loopback (local test
     * servers). An https URL never drops to http, loopback included: the token and the bytes would go unencrypted.
     */
    static URI checkedRedirect(URI from, String location) {
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, display(from) + " redirects to an invalid URL",
                    null);
        }
        boolean ok = to.getHost() != null && ("https".equalsIgnoreCase(to.getScheme())
                || "http".equalsIgnoreCase(to.getScheme()) && isLoopback(to.getHost())
                && "http".equalsIgnoreCase(from.getScheme()) && from.getHost() != null && isLoopback(from.getHost()));
        if (!ok) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, display(from) + " redirects to "
                    + display(to) + ", which is not https", "only https redirects are followed");
        }
        return to;
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort()
                && a.getScheme().equalsIgnoreCase(b.getScheme());
    }

    private void checkStatus(URI uri, int s) {
        if (s == 404 || s == 410) {
            throw RunyardException.notFound(display(uri) + " was not found (HTTP " + s + ")",
                    "check the repository, file name and --revision");
        }
        if (s == 401 || s == 403) {
            String why = options.token().isPresent() ? "the HF_TOKEN sent does not grant access"
                    : "set HF_TOKEN to a Hugging Face access token";
            throw new RunyardException(RunyardException.Kind.RUNTIME, "access denied to " + display(uri) + " (HTTP "
                    + s + "): " + why, "gated repositories also need their licence accepted on the model page");
        }
        if (s >= 400 && s != 416 || s < 200) {
            throw new RunyardException(RunyardException.Kind.RUNTIME, display(uri) + " answered HTTP " + s,
                    "check the URL");
        }
    }

    private Duration backoff(int attempt) {
        long base = options.backoff().toMillis() << Math.min(attempt - 1, 20);
        long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
        return Duration.ofMillis(Math.min(jittered, MAX_BACKOFF.toMillis()));
    }

    /** Retry-After as seconds or an HTTP date, capped at {@link RemoteOptions#MAX_RETRY_AFTER}. */
    static Optional<Duration> retryAfter(HttpResponse<?> r) {
        Optional<String> v = r.headers().firstValue("Retry-After").map(String::strip);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Math.max(0, Long.parseLong(v.get())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(v.get(), DateTimeFormatter.RFC_1123_DATE_TIME);
                d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                d = d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
        return Optional.of(d.compareTo(RemoteOptions.MAX_RETRY_AFTER) > 0 ? RemoteOptions.MAX_RETRY_AFTER : d);
    }

    private void sleep(Duration d) {
        try {
            options.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunyardException(RunyardException.Kind.RUNTIME, "interrupted while waiting to retry", null);
        }
    }

    /** The host a wait is for: "huggingface.co", or with its port when the URL names one. */
    static String host(URI u) {
        return u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** A URL for messages: scheme, host, port and path; query strings (signed CDN URLs) are left out. */
    static String display(URI u) {
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        return u.getScheme() + "://" + u.getHost() + port + (u.getRawPath() == null ? "" : u.getRawPath());
    }
}
