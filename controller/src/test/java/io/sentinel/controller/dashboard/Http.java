package io.sentinel.controller.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A tiny HTTP client for dashboard tests: no redirects followed, cookies handled by hand so they can be inspected. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();

    Http(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        headers.forEach(b::header);
        if (!cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String[] nv = c.split(";", 2)[0].split("=", 2);
                if (nv[1].isEmpty()) {
                    cookies.remove(nv[0]);
                } else {
                    cookies.put(nv[0], nv[1]);
                }
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Optional<String> setCookie(HttpResponse<?> r, String name) {
        List<String> all = r.headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(name + "=")).findFirst();
    }

    static String hiddenCsrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in page");
        }
        return m.group(1);
    }

    /** Logs in with the password and returns the session's CSRF token. */
    String login(String password) {
        String token = hiddenCsrf(get("/dashboard/login").body());
        HttpResponse<String> r = post("/dashboard/login", Map.of("_csrf", token, "password", password));
        if (r.statusCode() != 303) {
            throw new AssertionError("login failed: " + r.statusCode());
        }
        return hiddenCsrf(get("/dashboard/alerts").body());
    }
}
