package io.sentinel.controller.config;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a secret is strong enough for production. Every method answers with a
 * reason that names no part of the value, so callers can print it next to the variable name.
 */
public final class SecretRules {

    /** Minimum Shannon entropy per character of an accepted secret. */
    static final double MIN_BITS_PER_CHAR = 3.0;
    /** Minimum number of distinct characters of an accepted secret. */
    static final int MIN_DISTINCT_CHARS = 10;

    /** Words that only appear in placeholders, examples and defaults. */
    private static final List<String> PLACEHOLDER_WORDS = List.of(
            "changeme", "change-me", "change_me", "changethis", "replaceme", "replace-me", "replace_me",
            "secret", "password", "passw0rd", "default", "example", "placeholder", "sample",
            "insecure", "notsecure", "dummy", "your-", "your_", "yourtoken", "todo", "fixme",
            "letmein", "qwerty", "admin", "sentinel");

    /** Values published in this project's docs and examples (test vectors); never valid in prod. */
    private static final List<String> PUBLISHED_VALUES = List.of(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",  // docs/protocol.md vector 1
            "9226e5c608798cc1d6db3f349289cbe446bdd42a4acc275f0409cbf4c938722c",  // docs/protocol.md vector 2
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef");

    private SecretRules() {}

    /** A 64-hex-character key (32 bytes): format, then strength. */
    public static Optional<String> checkHexKey(String value) {
        Optional<String> format = checkHexKeyFormat(value);
        return format.isPresent() ? format : checkStrength(value, 64);
    }

    /** Only the format of a 64-hex key; used outside prod where weak keys are merely warned about. */
    public static Optional<String> checkHexKeyFormat(String value) {
        if (value.length() != 64) {
            return Optional.of("must be exactly 64 hex characters (32 bytes), got " + value.length() + " characters");
        }
        if (!value.chars().allMatch(SecretRules::isHex)) {
            return Optional.of("must contain only hex characters 0-9 a-f");
        }
        return Optional.empty();
    }

    /** A free-form secret (token, password) of at least {@code minLength} characters. */
    public static Optional<String> checkStrength(String value, int minLength) {
        if (value.isBlank()) {
            return Optional.of("is empty");
        }
        if (value.length() < minLength) {
            return Optional.of("is too short (at least " + minLength + " characters required)");
        }
        String lower = value.toLowerCase(Locale.ROOT);
        for (String published : PUBLISHED_VALUES) {
            if (lower.equals(published)) {
                return Optional.of("is a published example value");
            }
        }
        for (String word : PLACEHOLDER_WORDS) {
            if (lower.contains(word)) {
                return Optional.of("looks like a placeholder or default value");
            }
        }
        if (value.chars().allMatch(c -> c == '0')) {
            return Optional.of("is all zeros");
        }
        if (hasShortPeriod(value)) {
            return Optional.of("is a repeated pattern");
        }
        if (isArithmeticHex(lower)) {
            return Optional.of("is a counting sequence");
        }
        long distinct = value.chars().distinct().count();
        if (distinct < MIN_DISTINCT_CHARS) {
            return Optional.of("has too little entropy (" + distinct + " distinct characters, at least "
                    + MIN_DISTINCT_CHARS + " required)");
        }
        double bits = shannonBitsPerChar(value);
        if (bits < MIN_BITS_PER_CHAR) {
            return Optional.of(String.format(Locale.ROOT,
                    "has too little entropy (%.2f bits per character, at least %.1f required)", bits, MIN_BITS_PER_CHAR));
        }
        return Optional.empty();
    }

    /** Empirical Shannon entropy of the characters of {@code value}, in bits per character. */
    public static double shannonBitsPerChar(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        Map<Integer, Integer> counts = new HashMap<>();
        value.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
        double n = value.length();
        double bits = 0;
        for (int count : counts.values()) {
            double p = count / n;
            bits -= p * (Math.log(p) / Math.log(2));
        }
        return bits;
    }

    /** True when the value is a shorter string repeated (e.g. "abcdabcdabcd"). */
    static boolean hasShortPeriod(String value) {
        int n = value.length();
        for (int period = 1; period <= n / 2; period++) {
            if (n % period != 0) {
                continue;
            }
            boolean repeats = true;
            for (int i = period; i < n && repeats; i++) {
                repeats = value.charAt(i) == value.charAt(i - period);
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** True for hex strings whose bytes count up or down by a constant step (000102..., ff fe fd...). */
    static boolean isArithmeticHex(String lower) {
        if (lower.length() < 8 || lower.length() % 2 != 0 || !lower.chars().allMatch(SecretRules::isHex)) {
            return false;
        }
        byte[] bytes = HexFormat.of().parseHex(lower);
        int step = (bytes[1] - bytes[0]) & 0xff;
        for (int i = 2; i < bytes.length; i++) {
            if (((bytes[i] - bytes[i - 1]) & 0xff) != step) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
