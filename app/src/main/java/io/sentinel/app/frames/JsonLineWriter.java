package io.sentinel.app.frames;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A small buffered JSON writer for JSON Lines output on the hot path: it writes bytes straight
 * into its own buffer (no String, no boxing) and flushes to the stream in large blocks. Only
 * what {@code sentinel frames} needs: objects, numbers, constant strings, MACs, timestamps and
 * strings taken from capture bytes (validated as UTF-8 and escaped, or refused).
 */
public final class JsonLineWriter implements AutoCloseable {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};

    private final OutputStream out;
    private final byte[] buf;
    private int pos;
    private boolean first;

    public JsonLineWriter(OutputStream out) {
        this(out, 1 << 16);
    }

    public JsonLineWriter(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[Math.max(bufferSize, 4096)];
    }

    // ---- structure ---------------------------------------------------------------------------

    public JsonLineWriter beginObject() throws IOException {
        ensure(1);
        buf[pos++] = '{';
        first = true;
        return this;
    }

    public JsonLineWriter endObject() throws IOException {
        ensure(1);
        buf[pos++] = '}';
        first = false;
        return this;
    }

    /** Ends the current line; the buffer goes to the stream when it is nearly full. */
    public void endLine() throws IOException {
        ensure(1);
        buf[pos++] = '\n';
        if (pos > buf.length - 2048) flushBuffer();
    }

    /** Writes {@code ,"name":} (the comma only after the first member). {@code name} must be plain ASCII. */
    public JsonLineWriter key(String name) throws IOException {
        ensure(name.length() + 4);
        if (!first) buf[pos++] = ',';
        first = false;
        buf[pos++] = '"';
        for (int i = 0, n = name.length(); i < n; i++) buf[pos++] = (byte) name.charAt(i);
        buf[pos++] = '"';
        buf[pos++] = ':';
        return this;
    }

    // ---- values --------------------------------------------------------------------------------

    public JsonLineWriter value(long v) throws IOException {
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                writeAscii("-9223372036854775808");
                return this;
            }
            buf[pos++] = '-';
            v = -v;
        }
        writeDigits(v);
        return this;
    }

    /** A 64-bit value printed as unsigned (replay counters). */
    public JsonLineWriter unsignedValue(long v) throws IOException {
        if (v >= 0) return value(v);
        ensure(20);
        long q = (v >>> 1) / 5; // unsigned divide by 10
        writeDigits(q);
        buf[pos++] = (byte) ('0' + (v - q * 10));
        return this;
    }

    public JsonLineWriter value(boolean v) throws IOException {
        writeAscii(v ? "true" : "false");
        return this;
    }

    public JsonLineWriter nullValue() throws IOException {
        writeAscii("null");
        return this;
    }

    /** A string value that needs escaping at most for quotes, backslashes and control characters. */
    public JsonLineWriter value(String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(b.length * 6 + 2);
        buf[pos++] = '"';
        for (byte x : b) escapeByte(x);
        buf[pos++] = '"';
        return this;
    }

    /** A MAC address held in the low 48 bits of {@code mac}, as {@code "aa:bb:cc:dd:ee:ff"}. */
    public JsonLineWriter mac(long mac) throws IOException {
        ensure(19);
        byte[] b = buf;
        int p = pos;
        b[p] = '"';
        for (int i = 0; i < 6; i++) {
            int x = (int) (mac >>> (40 - 8 * i)) & 0xFF;
            b[p + 1 + 3 * i] = HEX[x >>> 4];
            b[p + 2 + 3 * i] = HEX[x & 15];
            b[p + 3 + 3 * i] = ':';
        }
        b[p + 18] = '"'; // overwrites the colon after the last octet
        pos = p + 19;
        return this;
    }

    /** Epoch seconds with {@code digits} (0-9) decimals, from nanoseconds; negative times work too. */
    public JsonLineWriter timestamp(long nanos, int digits) throws IOException {
        ensure(32);
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long frac = Math.floorMod(nanos, 1_000_000_000L);
        if (sec < 0) {
            // e.g. -0.5 s is written as -0.5: sign, then |nanos|
            buf[pos++] = '-';
            long abs = -nanos;
            sec = abs / 1_000_000_000L;
            frac = abs % 1_000_000_000L;
        }
        writeDigits(sec);
        if (digits > 0) {
            digits = Math.min(digits, 9);
            buf[pos++] = '.';
            int x = (int) (frac / POW10[9 - digits]);
            int i = pos + digits;
            for (int k = digits; k >= 2; k -= 2) {
                int q = x / 100;
                int r = x - q * 100;
                buf[--i] = PAIRS[2 * r + 1];
                buf[--i] = PAIRS[2 * r];
                x = q;
            }
            if ((digits & 1) == 1) buf[--i] = (byte) ('0' + x);
            pos += digits;
        }
        return this;
    }

    /**
     * Writes the bytes as a JSON string if they are valid UTF-8 (escaping what JSON requires);
     * returns false and writes nothing if they are not.
     */
    public boolean utf8String(MemorySegment seg, long off, int len) throws IOException {
        ensure(len * 6 + 2);
        int start = pos;
        buf[pos++] = '"';
        long end = off + len;
        long p = off;
        while (p < end) {
            int b = seg.get(ValueLayout.JAVA_BYTE, p) & 0xFF;
            if (b < 0x80) {
                escapeByte((byte) b);
                p++;
                continue;
            }
            int need;
            int min2; // allowed range of the second byte
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) { need = 1; min2 = 0x80; }
            else if (b == 0xE0) { need = 2; min2 = 0xA0; }
            else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) { need = 2; min2 = 0x80; }
            else if (b == 0xED) { need = 2; min2 = 0x80; max2 = 0x9F; } // no surrogates
            else if (b == 0xF0) { need = 3; min2 = 0x90; }
            else if (b >= 0xF1 && b <= 0xF3) { need = 3; min2 = 0x80; }
            else if (b == 0xF4) { need = 3; min2 = 0x80; max2 = 0x8F; } // up to U+10FFFF
            else { pos = start; return false; }
            if (p + need >= end) { pos = start; return false; }
            int b2 = seg.get(ValueLayout.JAVA_BYTE, p + 1) & 0xFF;
            if (b2 < min2 || b2 > max2) { pos = start; return false; }
            for (int k = 2; k <= need; k++) {
                int c = seg.get(ValueLayout.JAVA_BYTE, p + k) & 0xFF;
                if ((c & 0xC0) != 0x80) { pos = start; return false; }
            }
            for (int k = 0; k <= need; k++) buf[pos++] = seg.get(ValueLayout.JAVA_BYTE, p + k);
            p += need + 1;
        }
        buf[pos++] = '"';
        return true;
    }

    /** A constant string (a label from the decoder): written char by char without allocating. */
    public JsonLineWriter constant(String s) throws IOException {
        int n = s.length();
        ensure(n + 2);
        int start = pos;
        buf[pos++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                pos = start; // rare: needs escaping or UTF-8 encoding
                return value(s);
            }
            buf[pos++] = (byte) c;
        }
        buf[pos++] = '"';
        return this;
    }

    /** Bytes written as they are (pre-encoded JSON, e.g. {@code "beacon"} with its quotes). */
    public JsonLineWriter raw(byte[] json) throws IOException {
        ensure(json.length);
        System.arraycopy(json, 0, buf, pos, json.length);
        pos += json.length;
        return this;
    }

    /** A member name encoded once: {@code "name":}. */
    public static final class Key {
        final byte[] bytes;

        private Key(String name) {
            this.bytes = ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
        }

        public static Key of(String name) {
            return new Key(name);
        }
    }

    /** Like {@link #key(String)} with the name encoded in advance. */
    public JsonLineWriter key(Key k) throws IOException {
        byte[] b = k.bytes;
        ensure(b.length + 1);
        if (!first) buf[pos++] = ',';
        first = false;
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
        return this;
    }

    /** {@code "prefix N"} as a JSON string without allocating ({@code prefix} plain ASCII). */
    public JsonLineWriter constantWithNumber(String prefix, long number) throws IOException {
        ensure(prefix.length() + 24);
        buf[pos++] = '"';
        for (int i = 0, n = prefix.length(); i < n; i++) buf[pos++] = (byte) prefix.charAt(i);
        if (number < 0) {
            buf[pos++] = '-';
            number = -number;
        }
        writeDigits(number);
        buf[pos++] = '"';
        return this;
    }

    /** True when the bytes are well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF). */
    public static boolean validUtf8(MemorySegment seg, long off, int len) {
        long end = off + len;
        long p = off;
        while (p < end) {
            int b = seg.get(ValueLayout.JAVA_BYTE, p) & 0xFF;
            if (b < 0x80) {
                p++;
                continue;
            }
            int need, min2 = 0x80, max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) need = 1;
            else if (b == 0xE0) { need = 2; min2 = 0xA0; }
            else if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) need = 2;
            else if (b == 0xED) { need = 2; max2 = 0x9F; }
            else if (b == 0xF0) { need = 3; min2 = 0x90; }
            else if (b >= 0xF1 && b <= 0xF3) need = 3;
            else if (b == 0xF4) { need = 3; max2 = 0x8F; }
            else return false;
            if (p + need >= end) return false;
            int b2 = seg.get(ValueLayout.JAVA_BYTE, p + 1) & 0xFF;
            if (b2 < min2 || b2 > max2) return false;
            for (int k = 2; k <= need; k++) {
                if ((seg.get(ValueLayout.JAVA_BYTE, p + k) & 0xC0) != 0x80) return false;
            }
            p += need + 1;
        }
        return true;
    }

    /**
     * Writes {@code text: "..."} when the bytes are valid UTF-8, else {@code hex: "..."} with the
     * bytes in hex (the contract's {@code ssid} / {@code ssid_hex}). One pass over the bytes.
     */
    public JsonLineWriter utf8OrHex(Key text, Key hex, MemorySegment seg, long off, int len) throws IOException {
        ensure(text.bytes.length + hex.bytes.length + len * 6 + 4);
        int start = pos;
        boolean wasFirst = first;
        key(text);
        if (utf8String(seg, off, len)) return this;
        pos = start;
        first = wasFirst;
        return key(hex).hexString(seg, off, len);
    }

    /** The bytes in lower-case hex, as a JSON string. */
    public JsonLineWriter hexString(MemorySegment seg, long off, int len) throws IOException {
        ensure(len * 2 + 2);
        buf[pos++] = '"';
        for (long p = off, end = off + len; p < end; p++) {
            int b = seg.get(ValueLayout.JAVA_BYTE, p) & 0xFF;
            buf[pos++] = HEX[b >>> 4];
            buf[pos++] = HEX[b & 15];
        }
        buf[pos++] = '"';
        return this;
    }

    // ---- plumbing -------------------------------------------------------------------------------

    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void escapeByte(byte x) {
        int c = x & 0xFF;
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) {
            buf[pos++] = x;
            return;
        }
        buf[pos++] = '\\';
        switch (c) {
            case '"' -> buf[pos++] = '"';
            case '\\' -> buf[pos++] = '\\';
            case '\n' -> buf[pos++] = 'n';
            case '\r' -> buf[pos++] = 'r';
            case '\t' -> buf[pos++] = 't';
            case '\b' -> buf[pos++] = 'b';
            case '\f' -> buf[pos++] = 'f';
            default -> {
                buf[pos++] = 'u';
                buf[pos++] = '0';
                buf[pos++] = '0';
                buf[pos++] = HEX[c >>> 4];
                buf[pos++] = HEX[c & 15];
            }
        }
    }

    /** Two ASCII digits for every value 0..99: the digit loop does one division per two digits. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private static final long[] POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    /** Writes a non-negative value. */
    private void writeDigits(long v) {
        if (v < 10) {
            buf[pos++] = (byte) ('0' + v);
            return;
        }
        int t = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12; // about log10(v)
        int n = t + 1 - (v < POWERS[t] ? 1 : 0);
        int end = pos + n;
        int i = end;
        if (v <= Integer.MAX_VALUE) {
            int x = (int) v;
            while (x >= 100) {
                int q = x / 100;
                int r = x - q * 100;
                buf[--i] = PAIRS[2 * r + 1];
                buf[--i] = PAIRS[2 * r];
                x = q;
            }
            if (x >= 10) {
                buf[--i] = PAIRS[2 * x + 1];
                buf[--i] = PAIRS[2 * x];
            } else {
                buf[--i] = (byte) ('0' + x);
            }
        } else {
            while (v > 0) {
                long q = v / 100;
                int r = (int) (v - q * 100);
                buf[--i] = PAIRS[2 * r + 1];
                if (i > pos) buf[--i] = PAIRS[2 * r];
                v = q;
            }
        }
        pos = end;
    }

    private void writeAscii(String s) throws IOException {
        ensure(s.length());
        for (int i = 0, n = s.length(); i < n; i++) buf[pos++] = (byte) s.charAt(i);
    }

    private void ensure(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
            if (n > buf.length) throw new IOException("JSON value too large: " + n + " bytes");
        }
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
