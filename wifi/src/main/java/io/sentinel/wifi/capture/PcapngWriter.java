package io.sentinel.wifi.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pcapng files: sections in either byte order, interfaces with {@code if_tsresol},
 * {@code if_tsoffset} and {@code if_fcslen}, enhanced / simple / obsolete packet blocks and
 * arbitrary blocks (to test that readers skip them). Used by tests and fixtures.
 */
public final class PcapngWriter implements Closeable {

    /** {@code if_tsresol} of microseconds (the pcapng default) and nanoseconds. */
    public static final int TSRESOL_USEC = 6, TSRESOL_NSEC = 9;

    private record Interface(int tsresol, long offsetSeconds) {}

    private final OutputStream out;
    private ByteOrder order;
    private final List<Interface> interfaces = new ArrayList<>();

    private PcapngWriter(OutputStream out, ByteOrder order) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        newSection(order);
    }

    /** A little-endian file; the first section header is written at once. */
    public static PcapngWriter create(OutputStream out) throws IOException {
        return new PcapngWriter(out, ByteOrder.LITTLE_ENDIAN);
    }

    public static PcapngWriter create(OutputStream out, ByteOrder order) throws IOException {
        return new PcapngWriter(out, order);
    }

    public static PcapngWriter create(Path path) throws IOException {
        return create(Files.newOutputStream(path));
    }

    /** Starts a new section (its interfaces start again from id 0). */
    public PcapngWriter newSection(ByteOrder order) throws IOException {
        this.order = order;
        interfaces.clear();
        ByteBuffer body = buffer(16);
        body.putInt(CaptureReader.PCAPNG_BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L);
        writeBlock(CaptureReader.PCAPNG_SHB, body);
        return this;
    }

    /** An interface with microsecond timestamps; returns its id. */
    public int addInterface(int linkType) throws IOException {
        return addInterface(linkType, -1, 0, -1);
    }

    /**
     * @param tsresol raw {@code if_tsresol} byte (e.g. 6, 9, or {@code 0x80 | 20} for 2^-20 s), or -1 to omit it
     * @param offsetSeconds {@code if_tsoffset} (omitted when 0)
     * @param fcsLength {@code if_fcslen}, or -1 to omit it
     * @return the interface id within the current section
     */
    public int addInterface(int linkType, int tsresol, long offsetSeconds, int fcsLength) throws IOException {
        ByteBuffer body = buffer(64);
        body.putShort((short) linkType).putShort((short) 0).putInt(262_144);
        if (tsresol >= 0) option(body, 9, new byte[] {(byte) tsresol});
        if (offsetSeconds != 0) option(body, 14, ByteBuffer.allocate(8).order(order).putLong(offsetSeconds).array());
        if (fcsLength >= 0) option(body, 13, new byte[] {(byte) fcsLength});
        body.putShort((short) 0).putShort((short) 0); // opt_endofopt
        writeBlock(CaptureReader.BLOCK_IDB, body);
        interfaces.add(new Interface(tsresol < 0 ? 6 : tsresol, offsetSeconds));
        return interfaces.size() - 1;
    }

    /** Enhanced packet block. */
    public PcapngWriter writePacket(int interfaceId, long tsNanos, byte[] data) throws IOException {
        return writePacket(interfaceId, tsNanos, data, data.length);
    }

    public PcapngWriter writePacket(int interfaceId, long tsNanos, byte[] data, int originalLength) throws IOException {
        long units = toUnits(interfaceId, tsNanos);
        ByteBuffer body = buffer(20 + data.length + 3);
        body.putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(originalLength).put(data);
        pad(body);
        writeBlock(CaptureReader.BLOCK_EPB, body);
        return this;
    }

    /** Simple packet block (no timestamp, interface 0). */
    public PcapngWriter writeSimplePacket(byte[] data) throws IOException {
        ByteBuffer body = buffer(4 + data.length + 3);
        body.putInt(data.length).put(data);
        pad(body);
        writeBlock(CaptureReader.BLOCK_SPB, body);
        return this;
    }

    /** Obsolete packet block (type 2), still found in old files. */
    public PcapngWriter writeObsoletePacket(int interfaceId, long tsNanos, byte[] data) throws IOException {
        long units = toUnits(interfaceId, tsNanos);
        ByteBuffer body = buffer(20 + data.length + 3);
        body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt(data.length).put(data);
        pad(body);
        writeBlock(CaptureReader.BLOCK_OPB, body);
        return this;
    }

    /** Any block with the given type and body (padded to 32 bits). */
    public PcapngWriter writeBlock(int type, byte[] bodyBytes) throws IOException {
        ByteBuffer body = buffer(bodyBytes.length + 3);
        body.put(bodyBytes);
        pad(body);
        writeBlock(type, body);
        return this;
    }

    public void flush() throws IOException { out.flush(); }

    @Override
    public void close() throws IOException { out.close(); }

    private long toUnits(int interfaceId, long tsNanos) {
        Interface itf = interfaces.get(interfaceId);
        BigInteger t = BigInteger.valueOf(tsNanos).subtract(BigInteger.valueOf(itf.offsetSeconds).multiply(BigInteger.valueOf(1_000_000_000L)));
        int exp = itf.tsresol & 0x7F;
        BigInteger perSecond = (itf.tsresol & 0x80) != 0 ? BigInteger.ONE.shiftLeft(exp) : BigInteger.TEN.pow(exp);
        return t.multiply(perSecond).divide(BigInteger.valueOf(1_000_000_000L)).longValue();
    }

    private ByteBuffer buffer(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private static void option(ByteBuffer body, int code, byte[] value) {
        body.putShort((short) code).putShort((short) value.length).put(value);
        pad(body);
    }

    private static void pad(ByteBuffer b) {
        while ((b.position() & 3) != 0) b.put((byte) 0);
    }

    private void writeBlock(int type, ByteBuffer body) throws IOException {
        int bodyLen = body.position();
        int total = 12 + bodyLen;
        ByteBuffer block = ByteBuffer.allocate(total).order(order);
        block.putInt(type).putInt(total).put(body.array(), 0, bodyLen).putInt(total);
        out.write(block.array());
    }
}
