package io.sentinel.controller.http;

import io.javalin.http.Context;
import io.sentinel.protocol.wire.EpochTime;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Validated query parameters: every bad value is a 400 naming the parameter. */
public final class QueryParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern SENSOR_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,512}");

    private final Context ctx;

    public QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    /** Refuses parameters the route does not know, so a typo is not silently ignored. */
    public QueryParams allow(Collection<String> names) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!names.contains(name)) {
                throw ApiException.badField("unknown_parameter", name, "unknown query parameter '" + name + "'");
            }
        }
        return this;
    }

    public Optional<String> text(String name, int maxLength) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return Optional.empty();
        }
        if (v.length() > maxLength) {
            throw ApiException.badField("invalid_parameter", name, name + " is longer than " + maxLength + " characters");
        }
        if (v.indexOf('\0') >= 0 || !io.sentinel.protocol.wire.WireText.isValidUnicode(v)) {
            throw ApiException.badField("invalid_parameter", name, name + " must be text without U+0000");
        }
        return Optional.of(v);
    }

    public Optional<String> oneOf(String name, Set<String> allowed) {
        Optional<String> v = text(name, 64);
        if (v.isPresent() && !allowed.contains(v.get())) {
            throw ApiException.badField("invalid_parameter", name, name + " must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }

    public Optional<String> mac(String name) {
        Optional<String> v = text(name, 17).map(s -> s.toLowerCase(java.util.Locale.ROOT));
        if (v.isPresent() && !MAC.matcher(v.get()).matches()) {
            throw ApiException.badField("invalid_parameter", name, name + " must be a colon-separated MAC address");
        }
        return v;
    }

    public Optional<String> sensorId(String name) {
        Optional<String> v = text(name, 64);
        if (v.isPresent() && !SENSOR_ID.matcher(v.get()).matches()) {
            throw ApiException.badField("invalid_parameter", name, name + " must match [A-Za-z0-9._-]{1,64}");
        }
        return v;
    }

    /** RFC 3339 or epoch seconds. */
    public Optional<Instant> time(String name) {
        Optional<String> v = text(name, 64);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(EpochTime.parse(v.get()));
        } catch (RuntimeException e) {
            throw ApiException.badField("invalid_parameter", name, name + " must be RFC 3339 or epoch seconds");
        }
    }

    /** {@code limit}: 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    public int limit() {
        Optional<String> v = text("limit", 10);
        if (v.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < 1 || n > MAX_LIMIT) {
                throw ApiException.badField("invalid_parameter", "limit", "limit must be between 1 and " + MAX_LIMIT);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badField("invalid_parameter", "limit", "limit must be a whole number");
        }
    }

    /** An opaque cursor as returned in {@code next_cursor}; only its alphabet is checked here. */
    public Optional<String> cursor() {
        Optional<String> v = text("cursor", 512);
        if (v.isPresent() && !CURSOR.matcher(v.get()).matches()) {
            throw ApiException.badField("invalid_parameter", "cursor", "cursor is not one this API returned");
        }
        return v;
    }

    /** Checks that {@code since <= until} when both are given. */
    public static void requireOrder(Optional<Instant> since, Optional<Instant> until) {
        if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
            throw ApiException.badField("invalid_parameter", "until", "until is before since");
        }
    }
}
