package io.sentinel.protocol.evidence;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that bytes are a well-formed pcapng file and reads what the controller shows about it:
 * frame count, time span, the {@link EvidenceLabel} of the section header and the first frames'
 * comments. Every block length is checked against the file and its trailing copy; an unknown
 * block type is skipped (the format allows them); a packet block must name an interface defined
 * before it. Either byte order; one or more sections. Allocates only the preview.
 */
public final class EvidenceFile {

    /** One frame of the preview. */
    public record PreviewFrame(int n, long tsNanos, int capturedLength, int originalLength, int linkType, String comment) {}

    /**
     * What a well-formed file holds.
     *
     * @param label   the section header's label, when the file is an evidence file of ours
     * @param frames  packet blocks (enhanced, simple, obsolete)
     * @param firstNanos capture time of the earliest frame (0 without frames)
     * @param lastNanos  capture time of the latest frame (0 without frames)
     * @param preview the first frames, at most the number asked for
     */
    public record Summary(Optional<EvidenceLabel> label, int frames, long firstNanos, long lastNanos, List<PreviewFrame> preview) {}

    /** Why bytes are not a pcapng file (the controller answers 400 with it). */
    public static final class NotPcapngException extends Exception {
        public NotPcapngException(String message) { super(message); }
    }

    private static final int SPB = 3, OPB = 2;
    private static final int MAX_INTERFACES = 1024;

    private EvidenceFile() {}

    public static Summary inspect(byte[] file, int previewFrames) throws NotPcapngException {
        if (file.length < 28) throw new NotPcapngException("not a pcapng file: " + file.length + " bytes is shorter than a section header");
        ByteBuffer peek = ByteBuffer.wrap(file); // the section header's type reads the same in both orders
        ByteBuffer b = ByteBuffer.wrap(file);
        if (peek.getInt(0) != EvidencePcapng.SHB)
            throw new NotPcapngException("not a pcapng file: it does not start with a section header block");
        List<PreviewFrame> preview = new ArrayList<>();
        Optional<EvidenceLabel> label = Optional.empty();
        int[] linkTypes = new int[16];
        long[] resolution = new long[16]; // units per second
        int interfaces = 0, frames = 0;
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        int pos = 0;
        boolean sectionSeen = false;
        while (pos < file.length) {
            if (file.length - pos < 12) throw new NotPcapngException("truncated block at byte " + pos);
            int type = peek.getInt(pos);
            if (type == EvidencePcapng.SHB) {
                int magic = peek.getInt(pos + 8);
                if (magic == EvidencePcapng.BYTE_ORDER_MAGIC) b.order(ByteOrder.BIG_ENDIAN);
                else if (Integer.reverseBytes(magic) == EvidencePcapng.BYTE_ORDER_MAGIC) b.order(ByteOrder.LITTLE_ENDIAN);
                else throw new NotPcapngException("section header at byte " + pos + " has no byte-order magic");
                interfaces = 0;
                sectionSeen = true;
            } else if (!sectionSeen) {
                throw new NotPcapngException("block before the first section header");
            } else {
                type = b.getInt(pos);
            }
            long length = Integer.toUnsignedLong(b.getInt(pos + 4));
            if (length < 12 || length % 4 != 0 || length > file.length - pos)
                throw new NotPcapngException("block at byte " + pos + " has an impossible length " + length);
            int end = pos + (int) length;
            if (Integer.toUnsignedLong(b.getInt(end - 4)) != length)
                throw new NotPcapngException("block at byte " + pos + ": trailing length does not match");
            int bodyStart = pos + 8, bodyEnd = end - 4;
            switch (type) {
                case EvidencePcapng.SHB -> {
                    if (bodyEnd - bodyStart < 16) throw new NotPcapngException("section header at byte " + pos + " is too short");
                    if (b.getShort(bodyStart + 4) != 1) throw new NotPcapngException("unsupported pcapng major version " + b.getShort(bodyStart + 4));
                    if (label.isEmpty()) {
                        String comment = option(b, file, bodyStart + 16, bodyEnd, EvidencePcapng.OPT_COMMENT);
                        label = EvidenceLabel.parse(comment);
                    }
                }
                case EvidencePcapng.IDB -> {
                    if (bodyEnd - bodyStart < 8) throw new NotPcapngException("interface block at byte " + pos + " is too short");
                    if (interfaces == MAX_INTERFACES) throw new NotPcapngException("more than " + MAX_INTERFACES + " interfaces");
                    if (interfaces == linkTypes.length) {
                        linkTypes = java.util.Arrays.copyOf(linkTypes, interfaces * 2);
                        resolution = java.util.Arrays.copyOf(resolution, interfaces * 2);
                    }
                    linkTypes[interfaces] = b.getShort(bodyStart) & 0xFFFF;
                    resolution[interfaces] = tsresol(b, bodyStart + 8, bodyEnd, pos);
                    interfaces++;
                }
                case EvidencePcapng.EPB, OPB -> {
                    if (bodyEnd - bodyStart < 20) throw new NotPcapngException("packet block at byte " + pos + " is too short");
                    int iface = type == OPB ? b.getShort(bodyStart) & 0xFFFF : b.getInt(bodyStart);
                    if (iface < 0 || iface >= interfaces)
                        throw new NotPcapngException("packet block at byte " + pos + " names interface " + iface + ", not defined before it");
                    long units = (Integer.toUnsignedLong(b.getInt(bodyStart + 4)) << 32) | Integer.toUnsignedLong(b.getInt(bodyStart + 8));
                    int caplen = b.getInt(bodyStart + 12);
                    int origlen = b.getInt(bodyStart + 16);
                    if (caplen < 0 || caplen > bodyEnd - bodyStart - 20)
                        throw new NotPcapngException("packet block at byte " + pos + " claims more data than it holds");
                    long ts = toNanos(units, resolution[iface]);
                    frames++;
                    first = Math.min(first, ts);
                    last = Math.max(last, ts);
                    if (preview.size() < previewFrames) {
                        String comment = option(b, file, bodyStart + 20 + EvidencePcapng.pad(caplen), bodyEnd, EvidencePcapng.OPT_COMMENT);
                        preview.add(new PreviewFrame(frames, ts, caplen, origlen, linkTypes[iface], comment));
                    }
                }
                case SPB -> {
                    if (interfaces == 0) throw new NotPcapngException("simple packet block at byte " + pos + " without an interface");
                    frames++;
                }
                default -> { } // name resolution, statistics, custom blocks: allowed, not needed here
            }
            pos = end;
        }
        if (!sectionSeen) throw new NotPcapngException("no section header");
        return new Summary(label, frames, frames == 0 || first == Long.MAX_VALUE ? 0 : first,
                frames == 0 || last == Long.MIN_VALUE ? 0 : last, List.copyOf(preview));
    }

    private static long toNanos(long units, long perSecond) {
        if (perSecond == 1_000_000_000L) return units;
        long seconds = units / perSecond, rest = units % perSecond;
        return Math.multiplyExact(seconds, 1_000_000_000L) + rest * 1_000_000_000L / perSecond;
    }

    /** if_tsresol: 10^-n (high bit clear) or 2^-n seconds; microseconds when absent. */
    private static long tsresol(ByteBuffer b, int from, int to, int blockPos) throws NotPcapngException {
        int p = from;
        while (p + 4 <= to) {
            int code = b.getShort(p) & 0xFFFF, len = b.getShort(p + 2) & 0xFFFF;
            if (code == EvidencePcapng.OPT_END) break;
            if (p + 4 + len > to) throw new NotPcapngException("interface block at byte " + blockPos + ": option runs past the block");
            if (code == EvidencePcapng.IF_TSRESOL && len >= 1) {
                int v = b.get(p + 4) & 0xFF;
                int exp = v & 0x7F;
                if ((v & 0x80) != 0 ? exp > 62 : exp > 18) throw new NotPcapngException("unsupported if_tsresol " + v);
                long r = 1;
                for (int i = 0; i < exp; i++) r *= (v & 0x80) != 0 ? 2 : 10;
                return r;
            }
            p += 4 + EvidencePcapng.pad(len);
        }
        return 1_000_000L;
    }

    /** The first option with {@code code} as UTF-8 text, or null. */
    private static String option(ByteBuffer b, byte[] file, int from, int to, int code) {
        int p = from;
        while (p + 4 <= to) {
            int c = b.getShort(p) & 0xFFFF, len = b.getShort(p + 2) & 0xFFFF;
            if (c == EvidencePcapng.OPT_END || p + 4 + len > to) return null;
            if (c == code) return new String(file, p + 4, len, StandardCharsets.UTF_8);
            p += 4 + EvidencePcapng.pad(len);
        }
        return null;
    }
}
