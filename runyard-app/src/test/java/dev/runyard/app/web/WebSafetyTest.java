package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.FormBody;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Request;
import io.javalin.testtools.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Cross-site writes, foreign Host headers (DNS rebinding), wrong methods and wrong bodies, each through a real
 * server: refused with the right status, JSON under /api/v1, and nothing saved. Host headers are sent over a raw
 * socket (the JDK client will not set one).
 */
class WebSafetyTest {
    private static FormBody desk() {
        return new FormBody.Builder().add("name", "desk").add("gpu", "RTX 3090").build();
    }

    private static int post(HttpClient c, String path, String type, String body, Consumer<Request.Builder> headers) {
        return c.request(path, b -> {
            b.post(BodyPublishers.ofString(body)).header("Content-Type", type);
            headers.accept(b);
        }).code();
    }

    private static int postForm(HttpClient c, Consumer<Request.Builder> headers) {
        return c.request("/rigs", b -> {
            b.post(desk());
            headers.accept(b);
        }).code();
    }

    /** One HTTP/1.1 exchange over a socket: the status line, headers and body as text. */
    static String raw(int port, String method, String path, String host, String... headers) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    @Test
    void crossOriginWritesAreRefusedWhateverTheirContentType() {
        MemoryRigStore rigs = new MemoryRigStore();
        JavalinTest.test(TestApps.app(rigs), (server, client) -> {
            String evil = "https://evil.example";
            String form = "application/x-www-form-urlencoded";
            String text = "name=desk&gpu=RTX+3090";
            // A page elsewhere posting a form or text/plain (no preflight for either): refused.
            assertThat(postForm(client, b -> b.header("Origin", evil))).isEqualTo(403);
            assertThat(post(client, "/rigs", "text/plain", text, b -> b.header("Origin", evil))).isEqualTo(403);
            assertThat(postForm(client, b -> b.header("Origin", "null"))).isEqualTo(403);
            assertThat(postForm(client, b -> b.header("Referer", evil + "/page"))).isEqualTo(403);
            assertThat(postForm(client, b -> { })).as("no Origin, no Referer").isEqualTo(403);
            // Same host, another port (another local service): refused.
            String otherPort = client.getOrigin().replaceAll(":\\d+$", ":1");
            assertThat(postForm(client, b -> b.header("Origin", otherPort))).isEqualTo(403);
            assertThat(rigs.list()).isEmpty();
            // Our own page, but a body the route does not read: 415, nothing saved.
            String own = client.getOrigin();
            assertThat(post(client, "/rigs", "text/plain", text, b -> b.header("Origin", own))).isEqualTo(415);
            assertThat(post(client, "/rigs", "application/json", "{\"name\":\"desk\"}", b -> b.header("Origin", own)))
                    .isEqualTo(415);
            assertThat(rigs.list()).isEmpty();
            // Our own page: saved (a Referer alone will do for browsers that send no Origin).
            assertThat(postForm(client, b -> b.header("Origin", own))).isEqualTo(303);
            assertThat(post(client, "/rigs", form, "name=laptop", b -> b.header("Referer", own + "/?gpu=x")))
                    .isEqualTo(303);
            assertThat(rigs.list()).extracting(Rig::name).containsExactly("desk", "laptop");
        });
    }

    @Test
    void aForeignHostHeaderIsRefusedEverywhere() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            int port = server.port();
            for (String path : List.of("/", "/api/v1/gpus", "/static/app.css", "/rigs")) {
                String r = raw(port, "GET", path, "evil.example:" + port);
                assertThat(status(r)).as(path).isEqualTo(403);
                assertThat(r).as(path).contains("host not allowed");
            }
            String api = raw(port, "GET", "/api/v1/rank", "rebind.evil.example");
            JsonNode e = TestApps.json(api.substring(api.indexOf("\r\n\r\n") + 4));
            assertThat(e.path("error").asText()).startsWith("host not allowed");
            // A rebinding page cannot post either, even with a matching Origin.
            assertThat(status(raw(port, "POST", "/rigs", "evil.example:" + port, "Origin: http://evil.example:" + port,
                    "Content-Type: application/x-www-form-urlencoded"))).isEqualTo(403);
            for (String ok : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST.", "127.0.0.2")) {
                assertThat(status(raw(port, "GET", "/api/v1/gpus", ok))).as(ok).isEqualTo(200);
            }
        });
        WebApp.Deps deps = new WebApp.Deps(TestApps.CATALOG, new MemoryRigStore(), TestApps.MACHINES);
        HostPolicy named = HostPolicy.forBind("127.0.0.1", List.of("runyard.lan"));
        JavalinTest.test(WebApp.create(deps, named), (server, client) -> {
            assertThat(status(raw(server.port(), "GET", "/", "runyard.lan:" + server.port()))).isEqualTo(200);
            assertThat(status(raw(server.port(), "GET", "/", "other.lan"))).isEqualTo(403);
        });
    }

    @Test
    void wrongMethodsAre405WithAllowAndApiErrorsAreJson() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String origin = client.getOrigin();
            Response api = client.request("/api/v1/rank", b -> b.post(desk()).header("Origin", origin));
            assertThat(api.code()).isEqualTo(405);
            assertThat(api.headers().get("Allow").get(0)).contains("GET");
            JsonNode e = TestApps.json(api.body().string());
            assertThat(e.path("error").asText()).isEqualTo("method not allowed");
            assertThat(e.size()).isEqualTo(2);
            Response del = client.request("/api/v1/models/Qwen/Qwen3-8B", b -> b.delete(BodyPublishers.noBody())
                    .header("Origin", origin));
            assertThat(del.code()).isEqualTo(405);
            assertThat(TestApps.json(del.body().string()).has("detail")).isTrue();
            Response getRigs = client.get("/rigs");
            assertThat(getRigs.code()).isEqualTo(405);
            assertThat(getRigs.headers().get("Allow").get(0)).contains("POST");
            assertThat(client.get("/api/v1/nothing-here").code()).isEqualTo(404);
            String pre = raw(server.port(), "OPTIONS", "/api/v1/gpus", "localhost:" + server.port(),
                    "Origin: https://elsewhere.example", "Access-Control-Request-Method: GET");
            assertThat(status(pre)).isEqualTo(204);
            assertThat(pre).contains("Access-Control-Allow-Methods: GET, OPTIONS");
        });
    }

    @Test
    void requestsJettyRefusesBeforeTheAppAreJsonUnderTheApi() {
        JavalinTest.test(TestApps.app(), (server, client) -> {
            String host = "localhost:" + server.port();
            for (String path : List.of("/api/v1/%zz", "/api/v1/rank?gpu=" + "x".repeat(9000))) {
                String r = raw(server.port(), "GET", path, host);
                assertThat(status(r)).as(path).isBetween(400, 431);
                assertThat(r).as(path).containsIgnoringCase("content-type: application/json");
                JsonNode e = TestApps.json(r.substring(r.indexOf("\r\n\r\n") + 4));
                assertThat(e.has("error") && e.has("detail")).as(r).isTrue();
            }
        });
    }

    @Test
    void hostPolicyComparesAddressesAndNamesWithoutLookingAnythingUp() throws Exception {
        HostPolicy loop = HostPolicy.loopback();
        assertThat(loop.allows("localhost")).isTrue();
        assertThat(loop.allows("127.0.0.1:8080")).isTrue();
        assertThat(loop.allows("[::1]:8080")).isTrue();
        assertThat(loop.allows("192.168.1.5:8080")).isFalse();
        assertThat(loop.allows("localhost.evil.example")).isFalse();
        assertThat(loop.allows("user@localhost")).isFalse();
        assertThat(loop.allows("")).isFalse();
        HostPolicy lan = HostPolicy.forBind("192.168.1.5", List.of());
        assertThat(lan.allows("192.168.1.5:8080")).isTrue();
        assertThat(lan.allows("192.168.1.6")).isFalse();
        HostPolicy any = HostPolicy.forBind("0.0.0.0", List.of("Runyard.LAN."));
        assertThat(any.allows("runyard.lan:80")).isTrue();
        for (var ni : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : java.util.Collections.list(ni.getInetAddresses())) {
                if (a instanceof java.net.Inet4Address) {
                    assertThat(any.allows(a.getHostAddress())).as(a.toString()).isTrue();
                }
            }
        }
        assertThat(any.allows("evil.example")).isFalse();
        assertThat(HostPolicy.literal("999.1.1.1")).isEmpty();
    }
}
