package io.sentinel.protocol.wire;

/**
 * The encoding check of every body: JSON on the wire is UTF-8 (RFC 8259, section 8.1) without
 * a byte order mark. Jackson would otherwise detect UTF-16 and UTF-32 by themselves and accept
 * some invalid sequences (overlong forms, encoded surrogates) as text.
 */
final class Utf8 {
    private Utf8() {}

    /**
     * Throws an {@link InvalidMessageException.Reason#ENCODING} problem unless {@code b} is
     * well-formed UTF-8 without a byte order mark and without NUL bytes (a NUL byte is never
     * valid in JSON text; UTF-16 and UTF-32 JSON always contain one).
     */
    static void check(byte[] b) {
        int n = b.length;
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            throw problem("a byte order mark");
        }
        if (n >= 2 && (((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) || ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE))) {
            throw problem("a UTF-16/UTF-32 byte order mark");
        }
        int i = 0;
        while (i < n) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c == 0) {
                    throw problem(i < 4 ? "NUL bytes (UTF-16 or UTF-32 text)" : "a NUL byte at offset " + i);
                }
                i++;
                continue;
            }
            int len;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                len = 2;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                len = 3;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                len = 4;
                min = 0x10000;
            } else {
                throw problem("a byte that is not UTF-8 at offset " + i);
            }
            if (i + len > n) {
                throw problem("a truncated UTF-8 sequence at offset " + i);
            }
            int cp = c & (0xFF >> (len + 1));
            for (int k = 1; k < len; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xC0) != 0x80) {
                    throw problem("a byte that is not UTF-8 at offset " + (i + k));
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw problem("an invalid UTF-8 sequence at offset " + i);
            }
            i += len;
        }
    }

    private static InvalidMessageException problem(String what) {
        return new InvalidMessageException(InvalidMessageException.Reason.ENCODING, "",
                "the body must be UTF-8 JSON; it has " + what);
    }
}
