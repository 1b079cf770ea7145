package io.sentinel.app.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stand-in controller that answers with what it received: the TCP peer, the request line,
 * the body size and every header, one per line. {@code /own-csp} answers with security headers
 * of its own, {@code /missing} with 404.
 */
final class EchoUpstream implements AutoCloseable {

    private final HttpServer server;

    EchoUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::echo);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void echo(HttpExchange ex) throws IOException {
        long bodyBytes = ex.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
        StringBuilder out = new StringBuilder();
        out.append("peer=").append(ex.getRemoteAddress().getAddress().getHostAddress()).append('\n');
        out.append("request=").append(ex.getRequestMethod()).append(' ').append(ex.getRequestURI()).append('\n');
        out.append("body-bytes=").append(bodyBytes).append('\n');
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(ex.getRequestHeaders());
        sorted.forEach((k, vs) -> vs.forEach(v -> out.append(k.toLowerCase(Locale.ROOT)).append(": ").append(v).append('\n')));
        String path = ex.getRequestURI().getPath();
        int status = path.equals("/missing") ? 404 : 200;
        if (path.equals("/own-csp")) {
            ex.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            ex.getResponseHeaders().add("Strict-Transport-Security", "max-age=5");
            ex.getResponseHeaders().add("X-Frame-Options", "SAMEORIGIN");
        }
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
