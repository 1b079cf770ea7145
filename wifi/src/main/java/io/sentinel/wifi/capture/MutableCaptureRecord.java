package io.sentinel.wifi.capture;

import java.lang.foreign.MemorySegment;

/** The reusable {@link CaptureRecord} filled by {@link CaptureReader}; also handy for tests and replay. */
public final class MutableCaptureRecord implements CaptureRecord {
    private long recordNumber;
    private long timestampNanos;
    private int linkType;
    private int interfaceId;
    private int capturedLength;
    private int originalLength;
    private int fcsLength = -1;
    private int timestampDigits = 6;
    private MemorySegment segment = MemorySegment.NULL;
    private long dataOffset;

    /** Sets every field at once (no allocation). */
    public MutableCaptureRecord set(long recordNumber, long timestampNanos, int linkType, int interfaceId,
            MemorySegment segment, long dataOffset, int capturedLength, int originalLength, int fcsLength) {
        this.recordNumber = recordNumber;
        this.timestampNanos = timestampNanos;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.segment = segment;
        this.dataOffset = dataOffset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.fcsLength = fcsLength;
        return this;
    }

    /** Decimal digits of the timestamp the capture really carries (6 for microseconds, 9 for nanoseconds). */
    public int timestampDigits() { return timestampDigits; }

    public MutableCaptureRecord timestampDigits(int digits) {
        this.timestampDigits = digits;
        return this;
    }

    @Override public long recordNumber() { return recordNumber; }
    @Override public long timestampNanos() { return timestampNanos; }
    @Override public int linkType() { return linkType; }
    @Override public int interfaceId() { return interfaceId; }
    @Override public int capturedLength() { return capturedLength; }
    @Override public int originalLength() { return originalLength; }
    @Override public int fcsLength() { return fcsLength; }
    @Override public MemorySegment segment() { return segment; }
    @Override public long dataOffset() { return dataOffset; }
}
