package io.sentinel.protocol.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds one evidence file in memory: a pcapng section whose header carries the
 * {@link EvidenceLabel} as {@code shb_comment} and {@code shb_userappl}, one interface block per
 * link type (named with {@code if_name}, nanosecond {@code if_tsresol}), and one Enhanced Packet
 * Block per frame with an optional {@code opt_comment} (a one-line decode, so that the first
 * frames can be listed without a radiotap decoder). Little-endian, as Wireshark writes.
 *
 * <p>Bounded by the caller: {@link #size()} says how many bytes a further frame would add to.
 * Not thread-safe.
 */
public final class EvidencePcapng {
    static final int SHB = 0x0A0D0D0A, IDB = 1, EPB = 6, BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_END = 0, OPT_COMMENT = 1, SHB_USERAPPL = 4, IF_NAME = 2, IF_TSRESOL = 9;
    /** Longest packet comment kept (longer ones are cut). */
    public static final int MAX_PACKET_COMMENT = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final Map<Integer, Integer> interfaces = new HashMap<>();
    private final String interfaceName;
    private int frames;
    private long firstNanos = Long.MAX_VALUE, lastNanos = Long.MIN_VALUE;

    public EvidencePcapng(EvidenceLabel label, String userApplication) {
        this.interfaceName = label.captureInterface();
        byte[] comment = label.comment().getBytes(StandardCharsets.UTF_8);
        byte[] app = userApplication.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = body(16 + 4 + pad(comment.length) + 4 + pad(app.length) + 4);
        b.putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L); // version 1.0, length unknown
        option(b, OPT_COMMENT, comment);
        option(b, SHB_USERAPPL, app);
        endOptions(b);
        block(SHB, b);
    }

    /** Appends a frame; {@code comment} may be null. */
    public void add(int linkType, long tsNanos, byte[] data, int offset, int capturedLength, int originalLength, String comment) {
        int iface = interfaces.computeIfAbsent(linkType, this::writeInterface);
        byte[] c = comment == null ? null : cut(comment).getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = body(20 + pad(capturedLength) + (c == null ? 0 : 8 + pad(c.length)) + 4);
        b.putInt(iface).putInt((int) (tsNanos >>> 32)).putInt((int) tsNanos).putInt(capturedLength)
                .putInt(Math.max(originalLength, capturedLength));
        b.put(data, offset, capturedLength);
        padTo4(b, capturedLength);
        if (c != null) {
            option(b, OPT_COMMENT, c);
            endOptions(b);
        }
        block(EPB, b);
        frames++;
        firstNanos = Math.min(firstNanos, tsNanos);
        lastNanos = Math.max(lastNanos, tsNanos);
    }

    private int writeInterface(int linkType) {
        byte[] name = interfaceName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = body(64 + pad(name.length));
        b.putShort((short) linkType).putShort((short) 0).putInt(262_144);
        if (name.length > 0) option(b, IF_NAME, name);
        option(b, IF_TSRESOL, new byte[] {9});
        endOptions(b);
        block(IDB, b);
        return interfaces.size();
    }

    public int frames() { return frames; }

    public long size() { return out.size(); }

    public long firstNanos() { return frames == 0 ? 0 : firstNanos; }

    public long lastNanos() { return frames == 0 ? 0 : lastNanos; }

    /** The file's bytes so far (a complete file after any call). */
    public byte[] toByteArray() { return out.toByteArray(); }

    private static String cut(String s) {
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= MAX_PACKET_COMMENT ? one : one.substring(0, MAX_PACKET_COMMENT);
    }

    private static ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void block(int type, ByteBuffer body) {
        int len = 12 + body.position();
        ByteBuffer b = body(len);
        b.putInt(type).putInt(len).put(body.array(), 0, body.position()).putInt(len);
        out.write(b.array(), 0, len);
    }

    private static void option(ByteBuffer b, int code, byte[] value) {
        b.putShort((short) code).putShort((short) value.length).put(value);
        padTo4(b, value.length);
    }

    private static void endOptions(ByteBuffer b) {
        b.putShort((short) OPT_END).putShort((short) 0);
    }

    private static void padTo4(ByteBuffer b, int length) {
        for (int i = length; i % 4 != 0; i++) b.put((byte) 0);
    }

    static int pad(int n) { return (n + 3) & ~3; }
}
