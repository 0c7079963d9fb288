package dev.runyard.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HttpWarmUpTest {
    @Test
    void asksEveryWarmUpMachineOnceThenTheCachedAnswers() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            asked.add(ex.getRequestURI().toString());
            byte[] body = "{}".getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            assertThat(HttpWarmUp.run("http://127.0.0.1:" + server.getAddress().getPort(), 30))
                    .isEqualTo(RankService.WARM_UP_GPUS.size() + 30);
        } finally {
            server.stop(0);
        }
        int distinct = RankService.WARM_UP_GPUS.size();
        assertThat(asked).hasSize(distinct + 30);
        assertThat(asked.subList(0, distinct)).doesNotHaveDuplicates()
                .allMatch(p -> p.startsWith("/api/v1/rank?gpu=") && p.endsWith("&ram=40"));
        assertThat(asked.subList(distinct, asked.size())).allMatch(asked.subList(0, distinct)::contains);
    }

    @Test
    void stopsAtOnceWhenNothingAnswers() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        assertThat(HttpWarmUp.run("http://127.0.0.1:" + port, 3000)).isZero(); // one refused connection, not 3,000
    }
}
