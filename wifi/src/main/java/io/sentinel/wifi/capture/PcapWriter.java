package io.sentinel.wifi.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap files: one link type, microsecond or nanosecond timestamps, either byte
 * order. Used by tests, fixtures and the sample-capture generator.
 */
public final class PcapWriter implements Closeable {
    private final OutputStream out;
    private final boolean nanos;
    private final boolean bigEndian;
    private final byte[] header = new byte[16];

    private PcapWriter(OutputStream out, int linkType, boolean nanos, ByteOrder order, int snapLen) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.nanos = nanos;
        this.bigEndian = order == ByteOrder.BIG_ENDIAN;
        byte[] h = new byte[24];
        putInt(h, 0, nanos ? CaptureReader.PCAP_MAGIC_NSEC : CaptureReader.PCAP_MAGIC_USEC);
        putShort(h, 4, 2);
        putShort(h, 6, 4);
        putInt(h, 16, snapLen);
        putInt(h, 20, linkType);
        this.out.write(h);
    }

    /** Little-endian, microsecond timestamps, snap length 262144. */
    public static PcapWriter create(OutputStream out, int linkType) throws IOException {
        return new PcapWriter(out, linkType, false, ByteOrder.LITTLE_ENDIAN, 262_144);
    }

    public static PcapWriter create(Path path, int linkType) throws IOException {
        return create(Files.newOutputStream(path), linkType);
    }

    /**
     * @param linkType the header's link type field (bits 28-31 may carry the FCS length flag)
     * @param nanos nanosecond timestamps (magic 0xa1b23c4d) instead of microseconds
     */
    public static PcapWriter create(OutputStream out, int linkType, boolean nanos, ByteOrder order) throws IOException {
        return new PcapWriter(out, linkType, nanos, order, 262_144);
    }

    public static PcapWriter create(Path path, int linkType, boolean nanos, ByteOrder order) throws IOException {
        return create(Files.newOutputStream(path), linkType, nanos, order);
    }

    /** Writes one record; the timestamp is truncated to the file's precision. */
    public PcapWriter write(long tsNanos, byte[] frame) throws IOException {
        return write(tsNanos, frame, 0, frame.length, frame.length);
    }

    /** Writes {@code length} bytes of {@code frame} with the given original (wire) length. */
    public PcapWriter write(long tsNanos, byte[] frame, int offset, int length, int originalLength) throws IOException {
        long sec = Math.floorDiv(tsNanos, 1_000_000_000L);
        long frac = Math.floorMod(tsNanos, 1_000_000_000L);
        putInt(header, 0, (int) sec);
        putInt(header, 4, (int) (nanos ? frac : frac / 1000));
        putInt(header, 8, length);
        putInt(header, 12, originalLength);
        out.write(header);
        out.write(frame, offset, length);
        return this;
    }

    /** The same as {@link #write(long, byte[])} for lambdas that cannot throw checked exceptions. */
    public void writeUnchecked(long tsNanos, byte[] frame) {
        try {
            write(tsNanos, frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() throws IOException { out.flush(); }

    @Override
    public void close() throws IOException { out.close(); }

    private void putInt(byte[] b, int off, int v) {
        if (bigEndian) v = Integer.reverseBytes(v);
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private void putShort(byte[] b, int off, int v) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }
}
