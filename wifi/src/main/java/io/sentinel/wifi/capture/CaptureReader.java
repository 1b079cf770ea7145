package io.sentinel.wifi.capture;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads classic pcap (both byte orders, microsecond, nanosecond and the "modified" variant) and
 * pcapng (several sections of either byte order, several interfaces, {@code if_tsresol},
 * {@code if_tsoffset}, {@code if_fcslen}; enhanced, simple and obsolete packet blocks; other
 * blocks skipped). The whole file is memory-mapped into one {@link MemorySegment}, so files
 * larger than 2 GiB work and records are never copied.
 *
 * <p>Iterate with {@link #next()} and read the reused {@link #record()}; the record is valid
 * until the next call. A file that ends inside a record, or whose framing is corrupt, ends the
 * iteration quietly: {@link #endProblem()} then says why. Not thread-safe.
 */
public final class CaptureReader implements AutoCloseable {

    /** The container format of the file. */
    public enum Format { PCAP, PCAPNG }

    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static final int PCAP_MAGIC_USEC = 0xA1B2C3D4;
    static final int PCAP_MAGIC_NSEC = 0xA1B23C4D;
    static final int PCAP_MAGIC_MODIFIED = 0xA1B2CD34;
    static final int PCAPNG_SHB = 0x0A0D0D0A;
    static final int PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int BLOCK_IDB = 1, BLOCK_OPB = 2, BLOCK_SPB = 3, BLOCK_EPB = 6;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private final Arena arena;
    private final MemorySegment seg;
    private final long size;
    private final Format format;
    private final MutableCaptureRecord record = new MutableCaptureRecord();
    private final int[] initialLinkTypes;

    private long pos;
    private boolean swap;
    private long count;
    private boolean done;
    private boolean truncatedTail;
    private String endProblem;
    private long lastTimestamp;
    private int sections;

    // classic pcap
    private int pcapLinkType;
    private int pcapFcsLength = -1;
    private int pcapRecordHeader = 16;
    private boolean pcapNanos;

    // pcapng interfaces of the current section
    private int ifCount;
    private int[] ifLinkType = new int[4];
    private int[] ifSnapLen = new int[4];
    private int[] ifFcsLen = new int[4];
    private int[] ifDigits = new int[4];
    private boolean[] ifPow2 = new boolean[4];
    private int[] ifExp = new int[4];
    private long[] ifMul = new long[4];
    private long[] ifDiv = new long[4];
    private long[] ifOffsetNanos = new long[4];

    private CaptureReader(MemorySegment seg, Arena arena) throws CaptureFormatException {
        this.seg = seg;
        this.arena = arena;
        this.size = seg.byteSize();
        if (size < 4) throw new CaptureFormatException("not a capture file: too short (" + size + " bytes)");
        int magic = seg.get(LE_INT, 0);
        if (magic == PCAPNG_SHB) {
            format = Format.PCAPNG;
            openPcapng();
            initialLinkTypes = scanInitialInterfaces();
        } else {
            format = Format.PCAP;
            openPcap(magic);
            initialLinkTypes = new int[] {pcapLinkType};
        }
    }

    /**
     * Maps and opens a capture file.
     *
     * @throws CaptureFormatException the file is not a pcap or pcapng capture
     * @throws IOException the file cannot be read
     */
    public static CaptureReader open(Path path) throws IOException, CaptureFormatException {
        if (Files.isDirectory(path)) throw new IOException(path + ": is a directory");
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            MemorySegment seg = size == 0 ? MemorySegment.ofArray(new byte[0])
                    : ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return new CaptureReader(seg, arena);
        } catch (IOException | CaptureFormatException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Reads a capture already in memory (tests, fuzzing, benchmarks). The caller keeps the segment alive. */
    public static CaptureReader of(MemorySegment segment) throws CaptureFormatException {
        return new CaptureReader(segment, null);
    }

    /** Reads a capture from a byte array. */
    public static CaptureReader of(byte[] bytes) throws CaptureFormatException {
        return new CaptureReader(MemorySegment.ofArray(bytes), null);
    }

    // ---- header parsing ---------------------------------------------------------------------

    private void openPcap(int magic) throws CaptureFormatException {
        int m = magic;
        if (m == Integer.reverseBytes(PCAP_MAGIC_USEC) || m == Integer.reverseBytes(PCAP_MAGIC_NSEC)
                || m == Integer.reverseBytes(PCAP_MAGIC_MODIFIED)) {
            swap = true;
            m = Integer.reverseBytes(m);
        }
        if (m != PCAP_MAGIC_USEC && m != PCAP_MAGIC_NSEC && m != PCAP_MAGIC_MODIFIED) {
            throw new CaptureFormatException(String.format(
                    "not a pcap or pcapng capture (magic 0x%08x)", Integer.reverseBytes(magic)));
        }
        if (size < 24) throw new CaptureFormatException("truncated pcap file header (" + size + " bytes)");
        pcapNanos = m == PCAP_MAGIC_NSEC;
        if (m == PCAP_MAGIC_MODIFIED) pcapRecordHeader = 24;
        int major = readShort(4), minor = readShort(6);
        if (major != 2) throw new CaptureFormatException("unsupported pcap version " + major + "." + minor);
        int lt = readInt(20);
        pcapLinkType = lt & 0xFFFF;
        // bits 28-31: FCS length present flag and length in 16-bit words
        if ((lt & 0x1000_0000) != 0) pcapFcsLength = ((lt >>> 29) & 7) * 2;
        record.timestampDigits(pcapNanos ? 9 : 6);
        pos = 24;
    }

    private void openPcapng() throws CaptureFormatException {
        if (size < 28) throw new CaptureFormatException("truncated pcapng section header (" + size + " bytes)");
        int bom = seg.get(LE_INT, 8);
        if (bom == PCAPNG_BYTE_ORDER_MAGIC) swap = false;
        else if (bom == Integer.reverseBytes(PCAPNG_BYTE_ORDER_MAGIC)) swap = true;
        else throw new CaptureFormatException(String.format("not a pcapng capture (byte-order magic 0x%08x)", bom));
        int major = readShort(12);
        if (major != 1) throw new CaptureFormatException("unsupported pcapng version " + major + "." + readShort(14));
        pos = 0;
    }

    /** Link types of the interfaces declared before the first packet (pcapng) or the file's link type (pcap). */
    private int[] scanInitialInterfaces() {
        int[] types = new int[0];
        long p = 0;
        boolean sw = swap;
        for (int blocks = 0; blocks < 10_000 && size - p >= 12; blocks++) {
            int type = rawInt(p, sw);
            if (type == PCAPNG_SHB) {
                int bom = seg.get(LE_INT, p + 8);
                if (bom == PCAPNG_BYTE_ORDER_MAGIC) sw = false;
                else if (bom == Integer.reverseBytes(PCAPNG_BYTE_ORDER_MAGIC)) sw = true;
                else break;
            }
            long len = rawInt(p + 4, sw) & 0xFFFF_FFFFL;
            if (len < 12 || (len & 3) != 0 || len > size - p) break;
            if (type == BLOCK_EPB || type == BLOCK_SPB || type == BLOCK_OPB) break;
            if (type == BLOCK_IDB && len >= 20) {
                types = Arrays.copyOf(types, types.length + 1);
                types[types.length - 1] = rawShort(p + 8, sw);
            }
            p += len;
        }
        return types;
    }

    // ---- iteration ----------------------------------------------------------------------------

    /** Advances to the next packet record; false at the end of the file (or at a truncated/corrupt tail). */
    public boolean next() {
        if (done) return false;
        return format == Format.PCAP ? nextPcap() : nextPcapng();
    }

    private boolean nextPcap() {
        long remaining = size - pos;
        if (remaining == 0) return finish(null, false);
        if (remaining < pcapRecordHeader) return finish("file ends inside a record header at offset " + pos, true);
        long sec = readInt(pos) & 0xFFFF_FFFFL;
        long frac = readInt(pos + 4) & 0xFFFF_FFFFL;
        int incl = readInt(pos + 8);
        int orig = readInt(pos + 12);
        if (incl < 0) return finish("record length " + Integer.toUnsignedString(incl) + " out of range at offset " + pos, false);
        if (remaining - pcapRecordHeader < incl) return finish("file ends inside record " + (count + 1) + " at offset " + pos, true);
        long ts = sec * 1_000_000_000L + (pcapNanos ? frac : frac * 1000L);
        lastTimestamp = ts;
        record.set(++count, ts, pcapLinkType, 0, seg, pos + pcapRecordHeader, incl, orig, pcapFcsLength);
        pos += pcapRecordHeader + incl;
        return true;
    }

    private boolean nextPcapng() {
        while (true) {
            long remaining = size - pos;
            if (remaining == 0) return finish(null, false);
            if (remaining < 12) return finish("file ends inside a block header at offset " + pos, true);
            int type = readInt(pos);
            if (type == PCAPNG_SHB) {
                int bom = seg.get(LE_INT, pos + 8);
                if (bom == PCAPNG_BYTE_ORDER_MAGIC) swap = false;
                else if (bom == Integer.reverseBytes(PCAPNG_BYTE_ORDER_MAGIC)) swap = true;
                else return finish("bad byte-order magic in section header at offset " + pos, false);
            }
            long blockLen = readInt(pos + 4) & 0xFFFF_FFFFL;
            if (blockLen < 12 || (blockLen & 3) != 0) return finish("bad block length " + blockLen + " at offset " + pos, false);
            if (blockLen > remaining) return finish("file ends inside a block at offset " + pos, true);
            if ((readInt(pos + blockLen - 4) & 0xFFFF_FFFFL) != blockLen)
                return finish("block length mismatch at offset " + pos, false);
            long body = pos + 8;
            long bodyLen = blockLen - 12;
            long blockStart = pos;
            pos += blockLen;
            switch (type) {
                case PCAPNG_SHB -> {
                    if (bodyLen < 16) return finish("short section header at offset " + blockStart, false);
                    int major = readShort(body + 4);
                    if (major != 1) return finish("unsupported pcapng version " + major + " at offset " + blockStart, false);
                    ifCount = 0;
                    sections++;
                }
                case BLOCK_IDB -> {
                    if (bodyLen < 8) return finish("short interface description at offset " + blockStart, false);
                    addInterface(readShort(body), readInt(body + 4), body + 8, body + bodyLen);
                }
                case BLOCK_EPB -> {
                    if (bodyLen < 20) return finish("short enhanced packet block at offset " + blockStart, false);
                    int ifId = readInt(body);
                    long units = ((readInt(body + 4) & 0xFFFF_FFFFL) << 32) | (readInt(body + 8) & 0xFFFF_FFFFL);
                    int cap = readInt(body + 12);
                    int orig = readInt(body + 16);
                    if (cap < 0 || cap > bodyLen - 20)
                        return finish("packet overruns its block at offset " + blockStart, false);
                    emit(ifId, units, body + 20, cap, orig);
                    return true;
                }
                case BLOCK_SPB -> {
                    if (bodyLen < 4) return finish("short simple packet block at offset " + blockStart, false);
                    long orig = readInt(body) & 0xFFFF_FFFFL;
                    long cap = Math.min(orig, bodyLen - 4);
                    if (ifCount > 0 && ifSnapLen[0] > 0) cap = Math.min(cap, ifSnapLen[0] & 0xFFFF_FFFFL);
                    // a simple packet block has no timestamp: it inherits the previous record's time
                    emitAt(0, lastTimestamp, body + 4, (int) cap, (int) Math.min(orig, Integer.MAX_VALUE));
                    return true;
                }
                case BLOCK_OPB -> {
                    if (bodyLen < 20) return finish("short packet block at offset " + blockStart, false);
                    int ifId = readShort(body);
                    long units = ((readInt(body + 4) & 0xFFFF_FFFFL) << 32) | (readInt(body + 8) & 0xFFFF_FFFFL);
                    int cap = readInt(body + 12);
                    int orig = readInt(body + 16);
                    if (cap < 0 || cap > bodyLen - 20)
                        return finish("packet overruns its block at offset " + blockStart, false);
                    emit(ifId, units, body + 20, cap, orig);
                    return true;
                }
                default -> { /* name resolution, statistics, custom and unknown blocks: skipped */ }
            }
        }
    }

    private void emit(int ifId, long units, long dataOffset, int cap, int orig) {
        long ts;
        if (ifId >= 0 && ifId < ifCount) {
            ts = toNanos(ifId, units) + ifOffsetNanos[ifId];
        } else {
            ts = units * 1000L; // undeclared interface: assume the default microseconds
        }
        emitAt(ifId, ts, dataOffset, cap, orig);
    }

    private void emitAt(int ifId, long ts, long dataOffset, int cap, int orig) {
        lastTimestamp = ts;
        boolean known = ifId >= 0 && ifId < ifCount;
        record.timestampDigits(known ? ifDigits[ifId] : 6);
        record.set(++count, ts, known ? ifLinkType[ifId] : -1, ifId, seg, dataOffset, cap, orig,
                known ? ifFcsLen[ifId] : -1);
    }

    private long toNanos(int ifId, long units) {
        if (!ifPow2[ifId]) {
            long mul = ifMul[ifId];
            return mul > 0 ? units * mul : Long.divideUnsigned(units, ifDiv[ifId]);
        }
        int k = ifExp[ifId];
        long sec = units >>> k;
        long frac = units & ((1L << k) - 1);
        if (k > 32) {
            frac >>>= (k - 32);
            k = 32;
        }
        return sec * 1_000_000_000L + ((frac * 1_000_000_000L) >>> k);
    }

    private void addInterface(int linkType, int snapLen, long opt, long end) {
        if (ifCount == ifLinkType.length) grow();
        int i = ifCount++;
        ifLinkType[i] = linkType;
        ifSnapLen[i] = snapLen;
        ifFcsLen[i] = -1;
        ifOffsetNanos[i] = 0;
        int resol = 6; // default: microseconds
        while (opt + 4 <= end) {
            int code = readShort(opt);
            int len = readShort(opt + 2);
            if (code == 0 || opt + 4 + len > end) break;
            long v = opt + 4;
            switch (code) {
                case 9 -> { if (len >= 1) resol = seg.get(ValueLayout.JAVA_BYTE, v) & 0xFF; }
                case 13 -> { if (len >= 1) ifFcsLen[i] = seg.get(ValueLayout.JAVA_BYTE, v) & 0xFF; }
                case 14 -> { if (len >= 8) ifOffsetNanos[i] = readLong(v) * 1_000_000_000L; }
                default -> { }
            }
            opt += 4 + ((len + 3) & ~3);
        }
        boolean pow2 = (resol & 0x80) != 0;
        int exp = resol & 0x7F;
        ifPow2[i] = pow2;
        if (pow2) {
            exp = Math.min(exp, 63);
            ifExp[i] = exp;
            ifDigits[i] = exp <= 20 ? 6 : 9;
        } else {
            ifExp[i] = exp;
            if (exp <= 9) {
                ifMul[i] = POW10[9 - exp];
                ifDiv[i] = 1;
            } else {
                ifMul[i] = 0;
                ifDiv[i] = POW10[Math.min(exp - 9, 18)];
            }
            ifDigits[i] = Math.max(6, Math.min(exp, 9));
        }
    }

    private void grow() {
        int n = ifLinkType.length * 2;
        ifLinkType = Arrays.copyOf(ifLinkType, n);
        ifSnapLen = Arrays.copyOf(ifSnapLen, n);
        ifFcsLen = Arrays.copyOf(ifFcsLen, n);
        ifDigits = Arrays.copyOf(ifDigits, n);
        ifPow2 = Arrays.copyOf(ifPow2, n);
        ifExp = Arrays.copyOf(ifExp, n);
        ifMul = Arrays.copyOf(ifMul, n);
        ifDiv = Arrays.copyOf(ifDiv, n);
        ifOffsetNanos = Arrays.copyOf(ifOffsetNanos, n);
    }

    private boolean finish(String problem, boolean truncated) {
        done = true;
        endProblem = problem;
        truncatedTail = truncated;
        return false;
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** The current record (a reused flyweight, valid until the next {@link #next()}). */
    public MutableCaptureRecord record() { return record; }

    public Format format() { return format; }

    /** Bytes consumed so far (for progress). */
    public long position() { return pos; }

    /** File size in bytes. */
    public long size() { return size; }

    /** Records returned so far. */
    public long recordCount() { return count; }

    /** The iteration stopped because the file ends inside a record or block. */
    public boolean truncatedTail() { return truncatedTail; }

    /** Why the iteration stopped before a clean end of file (truncation or corrupt framing), or null. */
    public String endProblem() { return endProblem; }

    /** pcapng sections seen so far (0 for classic pcap). */
    public int sections() { return sections; }

    /**
     * The link type of a classic pcap file, or the link types of the interfaces a pcapng file
     * declares before its first packet. Used to refuse files that hold no 802.11 at all.
     */
    public int[] declaredLinkTypes() { return initialLinkTypes.clone(); }

    /** Decimal digits of timestamp precision of the current record (6 or 9). */
    public int timestampDigits() { return record.timestampDigits(); }

    /** The mapped file (valid until {@link #close()}). */
    public MemorySegment segment() { return seg; }

    @Override
    public void close() {
        done = true;
        if (arena != null && arena.scope().isAlive()) arena.close();
    }

    // ---- byte access ----------------------------------------------------------------------------

    private int readInt(long off) {
        int v = seg.get(LE_INT, off);
        return swap ? Integer.reverseBytes(v) : v;
    }

    private int readShort(long off) {
        short v = seg.get(LE_SHORT, off);
        return (swap ? Short.reverseBytes(v) : v) & 0xFFFF;
    }

    private long readLong(long off) {
        long v = seg.get(LE_LONG, off);
        return swap ? Long.reverseBytes(v) : v;
    }

    private int rawInt(long off, boolean sw) {
        int v = seg.get(LE_INT, off);
        return sw ? Integer.reverseBytes(v) : v;
    }

    private int rawShort(long off, boolean sw) {
        short v = seg.get(LE_SHORT, off);
        return (sw ? Short.reverseBytes(v) : v) & 0xFFFF;
    }
}
