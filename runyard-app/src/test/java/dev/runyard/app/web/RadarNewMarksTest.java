package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runyard.app.store.CatalogStore;
import io.javalin.testtools.JavalinTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * "New since your last visit" on the page, kept in a real store: each visitor's marks are their own (no cache hands
 * them to another), survive a reload, come with a cookie the page sets once, and a failing store costs the marks only.
 */
class RadarNewMarksTest {
    static final String Q = "/radar?gpu=RTX+4090&ram=64";
    static final String BADGE = "<span class=\"badge new\">new</span>";

    @Test
    void aReleaseTheCatalogGainedIsNewToEachReturningVisitorAndToNobodyElse() throws Exception {
        CatalogStore store = CatalogStore.open(Files.createTempDirectory("runyard-radar").resolve("runyard.db").toString());
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-06-01T10:00:00Z"));
        AtomicBoolean gained = new AtomicBoolean();
        AtomicReference<String> hidden = new AtomicReference<>();
        VisitLog real = VisitLog.of(store, now::get);
        // Until "gained", the catalog the visits see lacks one release: the catalog gains it between two visits.
        VisitLog log = (visitor, ids) -> real.visit(visitor, gained.get() ? ids
                : ids.stream().filter(id -> !id.equals(hidden.get())).toList());
        JavalinTest.test(WebApp.create(new WebApp.Deps(TestApps.CATALOG, new MemoryRigStore(), TestApps.MACHINES)
                .withVisits(log)), (server, client) -> {
            hidden.set(TestApps.json(client.get("/api/v1/radar?gpu=RTX+4090&ram=64&limit=1").body().string())
                    .path("releases").get(0).path("id").asText());
            // a plain client, without the cookie jar of JavalinTest's: each request says which cookie it sends
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> first = get(http, server.port(), Q, null);
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).startsWith(RadarVisitor.COOKIE + "=").contains("HttpOnly", "SameSite=Lax", "Path=/radar",
                    "Max-Age=" + RadarVisitor.MAX_AGE_S);
            assertThat(first.headers().allValues("Vary")).contains("Cookie");
            String a = cookie.substring(0, cookie.indexOf(';'));
            assertThat(first.body()).contains("First visit").doesNotContain(BADGE);

            gained.set(true);
            now.set(now.get().plus(Duration.ofHours(2)));
            String back = page(http, server.port(), Q, a);
            assertThat(count(back, BADGE)).isEqualTo(1);
            assertThat(back).contains("<li data-model=\"" + hidden.get() + "\">" + BADGE, "1 new since your last visit (2026-06-01)");
            // another browser, same page and query: its own first visit, not the marks just drawn for the first one
            String other = page(http, server.port(), Q, null);
            assertThat(other).contains("First visit").doesNotContain(BADGE);
            // a reload within the visit keeps the mark; the feed and the API never carry marks
            now.set(now.get().plusSeconds(300));
            assertThat(count(page(http, server.port(), Q, a), BADGE)).isEqualTo(1);
            assertThat(page(http, server.port(), "/radar.atom?gpu=RTX+4090&ram=64", a)).doesNotContain("new since");
            // the next visit has seen it
            now.set(now.get().plus(Duration.ofHours(2)));
            assertThat(page(http, server.port(), Q, a)).contains("Nothing new since your last visit").doesNotContain(BADGE);
            // a forged cookie is not a key into the store: it is replaced by a fresh id
            HttpResponse<String> forged = get(http, server.port(), Q, RadarVisitor.COOKIE + "=../../x");
            assertThat(forged.headers().firstValue("Set-Cookie").orElseThrow())
                    .matches(RadarVisitor.COOKIE + "=[A-Za-z0-9_-]{22};.*");
        });
    }

    @Test
    void aStoreThatFailsCostsTheMarksNotThePage() {
        VisitLog broken = (visitor, ids) -> {
            throw new dev.runyard.core.error.RunyardException(dev.runyard.core.error.RunyardException.Kind.RUNTIME,
                    "database x failed: disk I/O error", null, null);
        };
        JavalinTest.test(WebApp.create(new WebApp.Deps(TestApps.CATALOG, new MemoryRigStore(), TestApps.MACHINES)
                .withVisits(broken)), (server, client) -> {
            String html = page(HttpClient.newHttpClient(), server.port(), Q, null);
            assertThat(html).contains("id=\"timeline\"", "<li data-model=").doesNotContain("id=\"radar-new\"", BADGE);
        });
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static String page(HttpClient http, int port, String path, String cookie) throws Exception {
        return get(http, port, path, cookie).body();
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
