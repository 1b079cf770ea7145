package io.sentinel.wifi.build;

import io.sentinel.wifi.capture.CaptureRecord;
import java.lang.foreign.MemorySegment;

/**
 * A {@link CaptureRecord} over a byte array, for tests and benchmarks that decode built frames
 * without a capture file: {@code new FrameDecoder().decode(ByteRecord.dot11(bytes))}. Its segment
 * is created once, so decoding it again allocates nothing.
 */
public final class ByteRecord implements CaptureRecord {

    private final byte[] bytes;
    private final MemorySegment segment;
    private final int linkType;
    private final long recordNumber;
    private final long timestampNanos;
    private final int fcsLength;

    public ByteRecord(byte[] bytes, int linkType, long recordNumber, long timestampNanos, int fcsLength) {
        this.bytes = bytes;
        this.segment = MemorySegment.ofArray(bytes);
        this.linkType = linkType;
        this.recordNumber = recordNumber;
        this.timestampNanos = timestampNanos;
        this.fcsLength = fcsLength;
    }

    /** A bare 802.11 frame (link type 105) without FCS, record 1 at time 0. */
    public static ByteRecord dot11(byte[] frame) { return new ByteRecord(frame, 105, 1, 0, 0); }

    /** A bare 802.11 frame with a record number and capture time. */
    public static ByteRecord dot11(byte[] frame, long recordNumber, long timestampNanos) {
        return new ByteRecord(frame, 105, recordNumber, timestampNanos, 0);
    }

    /** The record's bytes (not a copy). */
    public byte[] bytes() { return bytes; }

    @Override public long recordNumber() { return recordNumber; }
    @Override public long timestampNanos() { return timestampNanos; }
    @Override public int linkType() { return linkType; }
    @Override public int interfaceId() { return 0; }
    @Override public int capturedLength() { return bytes.length; }
    @Override public int originalLength() { return bytes.length; }
    @Override public int fcsLength() { return fcsLength; }
    @Override public MemorySegment segment() { return segment; }
    @Override public long dataOffset() { return 0; }
}
