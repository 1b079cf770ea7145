package io.sentinel.worker.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A real HTTP server recording every POST it accepts (JDK HttpServer on a free loopback port). */
final class HttpReceiver implements AutoCloseable {
    record Request(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().getFirst()).orElse(null);
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final List<Request> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private HttpServer server;
    private int port;

    HttpReceiver() throws IOException {
        start(0);
    }

    private void start(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 50);
        server.createContext("/hook", ex -> {
            try (ex) {
                byte[] body = ex.getRequestBody().readAllBytes();
                int s = status;
                if (s == 200) {
                    received.add(new Request(Map.copyOf(ex.getRequestHeaders()), body));
                }
                ex.sendResponseHeaders(s, -1);
            }
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        port = server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    void answer(int s) {
        status = s;
    }

    /** Stops listening (connections are refused) until {@link #restart()}. */
    void stop() {
        server.stop(0);
    }

    void restart() throws IOException {
        start(port);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
