package io.sentinel.protocol.wire;

import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code ssid} / {@code ssid_hex} pair shared by telemetry items and alerts. */
final class SsidFields {
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private SsidFields() {}

    static void check(String path, String text, String hex) {
        Ssid fromText = null;
        if (text != null) {
            if (!WireText.isValidUnicode(text)) {
                throw new InvalidMessageException(path + ".ssid", "contains an unpaired surrogate (not valid Unicode); "
                        + "send bytes that are not UTF-8 as ssid_hex");
            }
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (bytes.length > Ssid.MAX_BYTES) {
                throw new InvalidMessageException(path + ".ssid", "longer than " + Ssid.MAX_BYTES + " bytes");
            }
            fromText = Ssid.of(bytes);
        }
        if (hex != null) {
            if (hex.length() > 2 * Ssid.MAX_BYTES || !HEX.matcher(hex).matches()) {
                throw new InvalidMessageException(path + ".ssid_hex",
                        "must be an even number of hex digits, at most " + 2 * Ssid.MAX_BYTES);
            }
            if (fromText != null && !fromText.equals(Ssid.ofHex(hex))) {
                throw new InvalidMessageException(path + ".ssid_hex", "names other bytes than ssid");
            }
        }
    }

    static Optional<Ssid> value(String text, String hex) {
        if (hex != null) {
            return Optional.of(Ssid.ofHex(hex));
        }
        return text == null ? Optional.empty() : Optional.of(Ssid.ofText(text));
    }
}
