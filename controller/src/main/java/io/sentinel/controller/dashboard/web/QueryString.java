package io.sentinel.controller.dashboard.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the query string of a filter link; empty values are left out, values are URL-encoded. */
public final class QueryString {
    private final StringBuilder sb = new StringBuilder();

    public QueryString add(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        if (!sb.isEmpty()) {
            sb.append('&');
        }
        sb.append(key).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        return this;
    }

    /** {@code ?k=v&...}, or the empty string when nothing was added. */
    @Override
    public String toString() {
        return sb.isEmpty() ? "" : "?" + sb;
    }
}
