package dev.runyard.app.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runyard.app.progress.WaitProgress;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A minimal Hugging Face Hub API client over {@code java.net.http}: GETs JSON with a timeout on every request, sends
 * {@code HF_TOKEN} as a bearer token, and retries 429, 5xx and network errors per {@link Backoff}.
 */
public final class HubClient {
    public static final String DEFAULT_URL = "https://huggingface.co";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** JSON answers larger than this are refused (a model listing with full=true is a few MB at most). */
    static final int MAX_BODY = 64 << 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final String base;
    private final String token;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final HttpClient http;
    private final WaitProgress progress;

    public HubClient(String baseUrl, String token, Backoff backoff, Sleeper sleeper) {
        this(baseUrl, token, backoff, sleeper, WaitProgress.SILENT);
    }

    /** With waits longer than a second (slow answers, Retry-After) reported to {@code progress}. */
    public HubClient(String baseUrl, String token, Backoff backoff, Sleeper sleeper, WaitProgress progress) {
        this.progress = progress;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token == null || token.isBlank() ? null : token.trim();
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A client for {@code baseUrl} with {@code HF_TOKEN} from the environment and the default backoff. */
    public static HubClient fromEnvironment(String baseUrl, WaitProgress progress) {
        return new HubClient(baseUrl, System.getenv("HF_TOKEN"), Backoff.DEFAULT, Thread::sleep, progress);
    }

    /** GET {@code path} (with its query) as JSON; empty on 401, 403 and 404 (gated, private or gone). */
    public Optional<JsonNode> getJson(String path) {
        URI uri;
        try {
            uri = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new HubException("bad Hub URL " + base + path);
        }
        // One wait covers the answer and the retries: what the user waits through.
        try (WaitProgress.Wait ignored = progress.begin(uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))) {
            return getWithRetries(uri);
        }
    }

    private Optional<JsonNode> getWithRetries(URI uri) {
        String last = "";
        for (int attempt = 1; attempt <= backoff.maxTries(); attempt++) {
            Long retryAfter = null;
            try {
                HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET()
                        .header("Accept", "application/json").header("User-Agent", "runyard/0.1");
                if (token != null) {
                    rb.header("Authorization", "Bearer " + token);
                }
                HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                int s = r.statusCode();
                if (s >= 200 && s < 300) {
                    if (r.body().length > MAX_BODY) {
                        throw new HubException("GET " + uri + ": answer larger than 64 MiB");
                    }
                    return Optional.of(MAPPER.readTree(r.body()));
                }
                if (s == 401 || s == 403 || s == 404) {
                    return Optional.empty();
                }
                if (s != 429 && s < 500) {
                    throw new HubException("GET " + uri + ": HTTP " + s);
                }
                last = "HTTP " + s;
                retryAfter = r.headers().firstValue("Retry-After").map(HubClient::seconds).orElse(null);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new HubException("GET " + uri + ": answer is not JSON");
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HubException("GET " + uri + ": interrupted");
            }
            if (attempt < backoff.maxTries()) {
                try {
                    sleeper.sleep(backoff.delay(attempt, retryAfter));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HubException("GET " + uri + ": interrupted");
                }
            }
        }
        throw new HubException("GET " + uri + ": " + last + " after " + backoff.maxTries() + " tries");
    }

    /** Retry-After in seconds; an HTTP date or garbage counts as absent. */
    static Long seconds(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
