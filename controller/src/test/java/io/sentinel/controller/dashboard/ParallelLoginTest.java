package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The red-team trial of issue #10: 30 wrong logins in parallel from one address against the real controller. */
class ParallelLoginTest {
    static DashboardServer server;

    @BeforeAll
    static void start() {
        server = DashboardServer.start(b -> b
                .passwordIterations(20_000)
                .clientAddress(ctx -> ctx.header("X-Test-Client") == null ? ctx.ip() : ctx.header("X-Test-Client")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thirtyParallelWrongLoginsFromOneAddressGetExactlyFivePasswordChecks() throws Exception {
        List<Http> clients = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Http h = new Http(server.base());
            h.headers.put("X-Test-Client", "10.9.9.9");
            tokens.add(Http.hiddenCsrf(h.get("/dashboard/login").body()));
            clients.add(h);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(30)) {
            for (int i = 0; i < 30; i++) {
                Http h = clients.get(i);
                String token = tokens.get(i);
                String guess = "wrong-" + i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return h.post("/dashboard/login", Map.of("_csrf", token, "password", guess));
                }));
            }
            go.countDown();
            int checked = 0;
            int limited = 0;
            for (Future<HttpResponse<String>> f : answers) {
                int status = f.get().statusCode();
                if (status == 401) checked++;
                else if (status == 429) limited++;
            }
            assertThat(checked).as("wrong passwords checked").isEqualTo(5);
            assertThat(limited).as("refused before the check").isEqualTo(25);
        }
        // and the right password is refused too until the window passes
        Http late = new Http(server.base());
        late.headers.put("X-Test-Client", "10.9.9.9");
        String token = Http.hiddenCsrf(late.get("/dashboard/login").body());
        assertThat(late.post("/dashboard/login", Map.of("_csrf", token, "password", DashboardServer.PASSWORD)).statusCode())
                .isEqualTo(429);
    }
}
