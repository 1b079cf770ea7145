package io.sentinel.wifi.capture;

import java.lang.foreign.MemorySegment;

/** One raw record of a capture file, valid until the reader advances (a reused flyweight). */
public interface CaptureRecord {

    /** Record number in the file, from 1 (counting every packet record of every section). */
    long recordNumber();

    /** Capture time in nanoseconds since the epoch. */
    long timestampNanos();

    /** The link type of the interface the record belongs to. */
    int linkType();

    /** pcapng interface id (0 for classic pcap). */
    int interfaceId();

    /** Bytes captured (present in the segment). */
    int capturedLength();

    /** Length on the wire as recorded. */
    int originalLength();

    /** FCS length declared by the interface (pcapng if_fcslen / pcap FCS bits), or -1 if unknown. */
    int fcsLength();

    /** The segment holding the record bytes (typically the whole mapped file). */
    MemorySegment segment();

    /** Offset of the first packet byte in {@link #segment()}. */
    long dataOffset();
}
