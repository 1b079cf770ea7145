package io.sentinel.sensor.evidence;

import io.sentinel.wifi.capture.CaptureRecord;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The most recent raw capture records, bounded by bytes and by capture-time age: one circular
 * byte array plus parallel arrays of record metadata, so keeping a frame allocates nothing.
 * A record larger than the ring is not kept. Single-threaded (the capture thread).
 */
final class CaptureRing {

    /** Receives the kept records, oldest first. */
    interface Visitor {
        void frame(int linkType, long tsNanos, byte[] data, int offset, int length, int originalLength);
    }

    private final byte[] data;
    private final long maxAgeNanos;
    private final long[] ts;
    private final int[] start, length, originalLength, linkType;
    private int head, count; // slot of the oldest record, records kept
    private int writePos;    // next byte in data
    private long bytes;

    CaptureRing(long maxBytes, long maxAgeNanos) {
        this.data = new byte[(int) maxBytes];
        this.maxAgeNanos = maxAgeNanos;
        int slots = (int) Math.max(1024, maxBytes / 48); // a management frame with radiotap is rarely under 48 bytes
        ts = new long[slots];
        start = new int[slots];
        length = new int[slots];
        originalLength = new int[slots];
        linkType = new int[slots];
    }

    void add(CaptureRecord r) {
        int len = r.capturedLength();
        if (len > data.length) return;
        long now = r.timestampNanos();
        expire(now);
        while (count > 0 && (bytes + len > data.length || count == ts.length)) dropOldest();
        int slot = (head + count) % ts.length;
        int first = Math.min(len, data.length - writePos);
        MemorySegment.copy(r.segment(), ValueLayout.JAVA_BYTE, r.dataOffset(), data, writePos, first);
        if (first < len) MemorySegment.copy(r.segment(), ValueLayout.JAVA_BYTE, r.dataOffset() + first, data, 0, len - first);
        ts[slot] = now;
        start[slot] = writePos;
        length[slot] = len;
        originalLength[slot] = r.originalLength();
        linkType[slot] = r.linkType();
        writePos = (writePos + len) % data.length;
        bytes += len;
        count++;
    }

    /** Drops records older than the age bound relative to {@code nowNanos}. */
    void expire(long nowNanos) {
        while (count > 0 && nowNanos - ts[head] > maxAgeNanos) dropOldest();
    }

    private void dropOldest() {
        bytes -= length[head];
        head = (head + 1) % ts.length;
        count--;
    }

    /** Visits records with a timestamp at or after {@code fromNanos}, oldest first (data is a copy per call). */
    void forEachSince(long fromNanos, Visitor v) {
        for (int i = 0; i < count; i++) {
            int s = (head + i) % ts.length;
            if (ts[s] < fromNanos) continue;
            int len = length[s];
            byte[] copy = new byte[len];
            int first = Math.min(len, data.length - start[s]);
            System.arraycopy(data, start[s], copy, 0, first);
            if (first < len) System.arraycopy(data, 0, copy, first, len - first);
            v.frame(linkType[s], ts[s], copy, 0, len, originalLength[s]);
        }
    }

    int records() { return count; }

    long bytes() { return bytes; }
}
