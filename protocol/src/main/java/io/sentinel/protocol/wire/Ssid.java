package io.sentinel.protocol.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An SSID exactly as it was on the air: up to {@link #MAX_BYTES} arbitrary bytes (IEEE 802.11
 * does not require UTF-8, and an SSID of NUL bytes is common). Three views of it cross the
 * system:
 * <ul>
 *   <li>{@link #text()}: the bytes as text when they are valid UTF-8 (NUL and control characters
 *       included; JSON escapes them), the wire's and the API's {@code ssid};</li>
 *   <li>{@link #hex()}: the bytes in lower-case hex, the wire's and the API's {@code ssid_hex};</li>
 *   <li>{@link #display()}: printable text for people and for text columns, in which every
 *       control, format (bidi, zero-width) and separator character is shown as
 *       {@code \\uHHHH} (NUL: {@code \\u0000}), each byte that is not part of valid UTF-8 as
 *       {@code \xHH}, and a backslash as {@code \\}, so two different SSIDs never look the
 *       same.</li>
 * </ul>
 */
public final class Ssid {
    /** The SSID element's length field is one byte. */
    public static final int MAX_BYTES = 255;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Ssid(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The SSID of these bytes (copied). */
    public static Ssid of(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("an SSID has at most " + MAX_BYTES + " bytes");
        }
        return new Ssid(bytes.clone());
    }

    /** The SSID whose bytes are the UTF-8 encoding of {@code text} (which must be valid Unicode). */
    public static Ssid ofText(String text) {
        if (!WireText.isValidUnicode(text)) {
            throw new IllegalArgumentException("an SSID text must be valid Unicode (no unpaired surrogates)");
        }
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The SSID of hex-encoded bytes (upper or lower case). */
    public static Ssid ofHex(String hex) {
        if (hex.length() % 2 != 0 || hex.length() > 2 * MAX_BYTES) {
            throw new IllegalArgumentException("an even number of hex digits, at most " + 2 * MAX_BYTES);
        }
        return of(HEX.parseHex(hex));
    }

    /** The raw bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes as text when they are valid UTF-8. */
    public Optional<String> text() {
        if (isAscii()) {
            return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The bytes in lower-case hex. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Printable, unambiguous text (see the class comment). */
    public String display() {
        if (isPlainAscii()) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        StringBuilder out = new StringBuilder(bytes.length + 8);
        CharBuffer chars = CharBuffer.allocate(2);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int i = 0;
        while (i < bytes.length) {
            int n = sequenceLength(bytes[i]);
            int cp = -1;
            if (n > 0 && i + n <= bytes.length) {
                chars.clear();
                decoder.reset();
                var r = decoder.decode(ByteBuffer.wrap(bytes, i, n), chars, true);
                if (!r.isError()) {
                    chars.flip();
                    cp = Character.codePointAt(chars, 0);
                }
            }
            if (cp < 0) {
                out.append(String.format("\\x%02X", bytes[i] & 0xff));
                i++;
                continue;
            }
            WireText.appendDisplay(out, cp);
            i += n;
        }
        return out.toString();
    }

    private boolean isAscii() {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code text} is printable ASCII without a backslash (most SSIDs): its bytes are its
     * characters and its {@link #display()} form is itself.
     */
    public static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /** Printable ASCII without a backslash: its display form is itself. */
    private boolean isPlainAscii() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E || b == '\\') {
                return false;
            }
        }
        return true;
    }

    private static int sequenceLength(byte lead) {
        int b = lead & 0xff;
        if (b < 0x80) return 1;
        if (b >= 0xC2 && b <= 0xDF) return 2;
        if (b >= 0xE0 && b <= 0xEF) return 3;
        if (b >= 0xF0 && b <= 0xF4) return 4;
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ssid s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Ssid[" + display() + "]";
    }
}
