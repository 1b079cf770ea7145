package io.sentinel.worker.notify.format;

/**
 * Makes attacker-chosen text (SSIDs above all) safe to show to a person: every control,
 * format (bidirectional overrides, zero-width), separator other than the plain space,
 * surrogate, private-use or unassigned code point, and U+FFFD, becomes a visible escape such as
 * {@code \u202E}, the same convention as the dashboard. Escaping for the medium (HTML, Slack,
 * CEF, RFC 5424) is still done by each format; this only keeps tricks from being invisible.
 */
public final class Printable {
    private Printable() {}

    public static String visible(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (unusual(cp)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }

    /** {@link #visible} cut to at most {@code max} characters, with an ellipsis when cut. */
    public static String visible(String s, int max) {
        String v = visible(s);
        return v.length() <= max ? v : v.substring(0, Math.max(0, max - 1)) + "…";
    }

    static boolean unusual(int cp) {
        if (cp == 0xFFFD) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> cp != ' ';
            default -> false;
        };
    }
}
