package io.sentinel.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An opaque keyset position: a time and a tie-breaking key, encoded URL-safe. A malformed
 * cursor is the caller's mistake ({@link IllegalArgumentException}, an API answers 400).
 */
public record Cursor(Instant time, String key) {

    /** Encodes as base64url of {@code <epoch micros>|<key>}. */
    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made by {@link #encode()}. */
    public static Cursor decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            long micros = Long.parseLong(s.substring(0, bar));
            return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1000L), s.substring(bar + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor");
        }
    }
}
