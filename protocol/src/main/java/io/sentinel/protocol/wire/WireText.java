package io.sentinel.protocol.wire;

/**
 * Text rules of the wire. A JSON string may carry anything Unicode can, but PostgreSQL's
 * {@code text} and {@code jsonb} cannot hold U+0000 and no UTF-8 encoder can write an unpaired
 * surrogate; such strings are refused at the edge rather than altered or lost later. Text
 * meant for people is made visible with {@link #visible(String)}.
 */
public final class WireText {
    private WireText() {}

    /** True when {@code s} has no unpaired surrogate (so it encodes to UTF-8 unchanged). */
    public static boolean isValidUnicode(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code s} can be stored as text: valid Unicode without U+0000 (one pass). */
    public static boolean isStorable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0xD800) {
                if (c == 0) {
                    return false;
                }
            } else if (c <= 0xDFFF) {
                if (c > 0xDBFF || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /**
     * Checks free text that is stored as text: valid Unicode, no NUL, at most {@code max}
     * characters. Null passes (absent).
     *
     * @throws InvalidMessageException naming {@code field}
     */
    public static String require(String field, String s, int max) {
        if (s == null) {
            return null;
        }
        if (s.length() > max) {
            throw new InvalidMessageException(field, "longer than " + max + " characters");
        }
        if (!isStorable(s)) {
            throw new InvalidMessageException(field, s.indexOf('\0') >= 0 ? "contains U+0000, which cannot be stored as text"
                    : "contains an unpaired surrogate (not valid Unicode)");
        }
        return s;
    }

    /**
     * Free text with every invisible or direction-changing character (controls, NUL included;
     * format characters such as bidi overrides and zero-width marks; line and paragraph
     * separators) and every unpaired surrogate replaced by a visible {@code \\uHHHH} (the
     * dashboard's notation, see {@code UntrustedText}). Used where text taken from the air goes into prose (alert summaries,
     * evidence samples).
     */
    public static String visible(String s) {
        StringBuilder out = null;
        for (int i = 0, n = s.length(); i < n; ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (invisible(cp) || Character.getType(cp) == Character.SURROGATE) {
                if (out == null) {
                    out = new StringBuilder(n + 16).append(s, 0, i);
                }
                escape(out, cp);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        return out == null ? s : out.toString();
    }

    /** Appends one code point of an SSID's display form (see {@link Ssid#display()}). */
    static void appendDisplay(StringBuilder out, int cp) {
        if (cp == '\\') {
            out.append("\\\\");
        } else if (invisible(cp)) {
            escape(out, cp);
        } else {
            out.appendCodePoint(cp);
        }
    }

    private static boolean invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> false;
        };
    }

    private static void escape(StringBuilder out, int cp) {
        if (cp <= 0xFFFF) {
            out.append(String.format("\\u%04X", cp));
        } else {
            out.append(String.format("\\U%08X", cp));
        }
    }
}
