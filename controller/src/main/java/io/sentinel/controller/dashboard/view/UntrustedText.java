package io.sentinel.controller.dashboard.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A string chosen by someone on the air (SSID, vendor, device or sensor name), split into
 * segments so that a template can show every invisible or direction-changing character as
 * a visible escape such as {@code \u202E}. HTML escaping is still done by the template
 * engine; this only makes tricks visible.
 *
 * @param segments the text in order: plain runs and single escaped characters
 * @param unusual  true when at least one character was escaped
 * @param empty    true for an empty or absent string
 */
public record UntrustedText(List<Segment> segments, boolean unusual, boolean empty) {

    /** A run of ordinary text, or one unusual character with its visible escape. */
    public record Segment(String text, boolean escaped) {}

    private static final UntrustedText EMPTY = new UntrustedText(List.of(), false, true);

    public static UntrustedText of(String value) {
        if (value == null || value.isEmpty()) {
            return EMPTY;
        }
        List<Segment> segments = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        boolean unusual = false;
        for (int i = 0; i < value.length(); ) {
            int stored = storedEscape(value, i);
            if (stored > 0) {
                // already escaped by the store's display form (an SSID): mark it the same way
                if (!plain.isEmpty()) {
                    segments.add(new Segment(plain.toString(), false));
                    plain.setLength(0);
                }
                segments.add(new Segment(value.substring(i, i + stored), true));
                unusual = true;
                i += stored;
                continue;
            }
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isUnusual(cp)) {
                if (!plain.isEmpty()) {
                    segments.add(new Segment(plain.toString(), false));
                    plain.setLength(0);
                }
                segments.add(new Segment(escape(cp), true));
                unusual = true;
            } else {
                plain.appendCodePoint(cp);
            }
        }
        if (!plain.isEmpty()) {
            segments.add(new Segment(plain.toString(), false));
        }
        return new UntrustedText(List.copyOf(segments), unusual, false);
    }

    /** The text with every unusual character replaced by its escape (for titles and logs). */
    public String visible() {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            out.append(s.text());
        }
        return out.toString();
    }

    /**
     * Control characters, bidirectional embeddings/overrides/isolates and marks, zero-width
     * and other format characters, separators other than the plain space, surrogates,
     * private-use and unassigned code points, and the replacement character.
     */
    static boolean isUnusual(int cp) {
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

    /**
     * Length of an escape of the SSID display form ({@code io.sentinel.protocol.wire.Ssid#display}:
     * {@code \\uHHHH}, {@code \\UHHHHHHHH}, {@code \xHH}, upper-case hex) at {@code i}, else 0.
     */
    static int storedEscape(String s, int i) {
        if (s.charAt(i) != '\\' || i + 1 >= s.length()) {
            return 0;
        }
        int digits = switch (s.charAt(i + 1)) {
            case 'u' -> 4;
            case 'U' -> 8;
            case 'x' -> 2;
            default -> 0;
        };
        if (digits == 0 || i + 2 + digits > s.length()) {
            return 0;
        }
        for (int k = i + 2; k < i + 2 + digits; k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
                return 0;
            }
        }
        return 2 + digits;
    }

    private static String escape(int cp) {
        return cp <= 0xFFFF ? String.format("\\u%04X", cp) : String.format("\\U%08X", cp);
    }
}
