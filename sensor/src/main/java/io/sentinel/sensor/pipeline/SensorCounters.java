package io.sentinel.sensor.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sensor has done since it started, for heartbeats and the final report. Written by
 * the capture thread, read by the heartbeat thread.
 */
public final class SensorCounters {
    /** Records delivered by the capture source (file or libpcap). */
    public final AtomicLong captured = new AtomicLong();
    /** Records with an 802.11 frame the decoder could read (malformed ones included). */
    public final AtomicLong decoded = new AtomicLong();
    /** Decoded with a fault ({@code malformed} set). */
    public final AtomicLong malformed = new AtomicLong();
    /** Records of a link type that carries no 802.11 (e.g. Ethernet on a non-monitor interface). */
    public final AtomicLong unsupportedLinkType = new AtomicLong();
    /** Packets the kernel or the interface dropped (pcap_stats), live capture only. */
    public final AtomicLong kernelDropped = new AtomicLong();
    /** Alert snapshots (opened, updated, closed) written to the spool or output. */
    public final AtomicLong alertSnapshots = new AtomicLong();
    /** Distinct alerts opened. */
    public final AtomicLong alertsOpened = new AtomicLong();
    /** Telemetry items and batches written to the spool. */
    public final AtomicLong telemetryItems = new AtomicLong();
    public final AtomicLong telemetryBatches = new AtomicLong();
    /** Frames of devices beyond the per-interval cap. */
    public final AtomicLong telemetryOverflowFrames = new AtomicLong();
    /** Spool writes that failed (disk full, ...). */
    public final AtomicLong spoolErrors = new AtomicLong();
    public final long startedNanos = System.nanoTime();

    /** Frames lost before decoding: kernel drops. */
    public long dropped() { return kernelDropped.get(); }
}
