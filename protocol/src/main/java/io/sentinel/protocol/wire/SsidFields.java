package io.sentinel.protocol.wire;

import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code ssid} / {@code ssid_hex} pair shared by telemetry items and alerts. */
final class SsidFields {
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private SsidFields() {}

    /** Checks the pair; {@code path} is the owner's JSON path, empty for names relative to it. */
    static void check(String path, String text, String hex) {
        if (text != null) {
            if (!WireText.isValidUnicode(text)) {
                throw new InvalidMessageException(at(path, "ssid"), "contains an unpaired surrogate (not valid Unicode); "
                        + "send bytes that are not UTF-8 as ssid_hex");
            }
            if (utf8Length(text) > Ssid.MAX_BYTES) {
                throw new InvalidMessageException(at(path, "ssid"), "longer than " + Ssid.MAX_BYTES + " bytes");
            }
        }
        if (hex != null) {
            if (hex.length() > 2 * Ssid.MAX_BYTES || !HEX.matcher(hex).matches()) {
                throw new InvalidMessageException(at(path, "ssid_hex"),
                        "must be an even number of hex digits, at most " + 2 * Ssid.MAX_BYTES);
            }
            if (text != null && !Ssid.ofText(text).equals(Ssid.ofHex(hex))) {
                throw new InvalidMessageException(at(path, "ssid_hex"), "names other bytes than ssid");
            }
        }
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Bytes of the UTF-8 encoding of valid Unicode text, without encoding it. */
    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static Optional<Ssid> value(String text, String hex) {
        if (hex != null) {
            return Optional.of(Ssid.ofHex(hex));
        }
        return text == null ? Optional.empty() : Optional.of(Ssid.ofText(text));
    }
}
