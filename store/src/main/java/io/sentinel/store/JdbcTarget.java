package io.sentinel.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where to connect: a JDBC URL and credentials. {@link #parse(String)} accepts the
 * {@code DATABASE_URL} form ({@code postgresql://user:pass@host:5432/db}, also
 * {@code postgres://}) and plain JDBC URLs ({@code jdbc:postgresql://host/db?user=..}).
 * {@link #toString()} never shows the password.
 */
public record JdbcTarget(String jdbcUrl, String user, String password) {

    /** Parses a {@code DATABASE_URL}. */
    public static JdbcTarget parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("DATABASE_URL is empty");
        }
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return new JdbcTarget(u, null, null);
        }
        if (!u.startsWith("postgresql://") && !u.startsWith("postgres://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:");
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL (check that special characters in the "
                    + "password are percent-encoded)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new JdbcTarget(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + jdbcUrl.replaceAll("(?i)password=[^&]*", "password=***") + ", user=" + user + "]";
    }
}
