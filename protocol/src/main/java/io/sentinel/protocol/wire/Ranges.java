package io.sentinel.protocol.wire;

import java.time.Instant;

/**
 * Ranges of the numbers and times of the wire: everything inside is stored exactly by
 * PostgreSQL (and read back exactly by JSON clients), everything outside is refused at the edge
 * with the field named.
 */
public final class Ranges {
    /**
     * Largest count a message may carry: 2^53 - 1, exact in every JSON implementation (also a
     * double), and small enough that the sum of a million reports still fits a {@code bigint}.
     */
    public static final long MAX_COUNT = (1L << 53) - 1;
    /** Earliest time a message may carry: the epoch (capture files of broken clocks start there). */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** Latest time a message may carry: the end of year 9999, within {@code timestamptz} and RFC 3339. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** Channel numbers: 802.11 uses 1..233 (6 GHz); 0 means unknown. */
    public static final int MAX_CHANNEL = 300;
    /** Centre frequencies in MHz: from 802.11ah (sub-1 GHz) to 802.11ad/ay (up to 71 GHz). */
    public static final int MAX_FREQ_MHZ = 100_000;
    /** Antenna signal in dBm as radiotap reports it. */
    public static final int MIN_RSSI = -150;
    public static final int MAX_RSSI = 30;

    private Ranges() {}

    /** A count of frames, reports, seconds, ...: 0..{@link #MAX_COUNT}. */
    public static void count(String field, long v) {
        if (v < 0 || v > MAX_COUNT) {
            throw new InvalidMessageException(field, "must be a count within 0.." + MAX_COUNT);
        }
    }

    /** {@link #count(String, long)} for an optional value. */
    public static void count(String field, Long v) {
        if (v != null) {
            count(field, v.longValue());
        }
    }

    /** A time within {@link #EARLIEST}..{@link #LATEST}. */
    public static void time(String field, Instant t) {
        if (t == null) {
            throw new InvalidMessageException(InvalidMessageException.Reason.MISSING_FIELD, field, "missing required field");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new InvalidMessageException(field, "time out of range 1970-01-01T00:00:00Z..9999-12-31T23:59:59.999999Z");
        }
    }

    /** An optional time within range. */
    public static void optionalTime(String field, Instant t) {
        if (t != null) {
            time(field, t);
        }
    }

    public static void channel(String field, Integer v) {
        if (v != null && (v < 0 || v > MAX_CHANNEL)) {
            throw new InvalidMessageException(field, "out of range 0.." + MAX_CHANNEL);
        }
    }

    public static void freqMhz(String field, Integer v) {
        if (v != null && (v < 1 || v > MAX_FREQ_MHZ)) {
            throw new InvalidMessageException(field, "out of range 1.." + MAX_FREQ_MHZ + " MHz");
        }
    }

    public static void rssi(String field, Double v) {
        if (v != null && !(v >= MIN_RSSI && v <= MAX_RSSI)) {
            throw new InvalidMessageException(field, "out of range " + MIN_RSSI + ".." + MAX_RSSI + " dBm");
        }
    }

    /** A finite, non-negative number of seconds up to {@link #MAX_COUNT}. */
    public static void seconds(String field, Double v) {
        if (v != null && !(v >= 0 && v <= MAX_COUNT)) {
            throw new InvalidMessageException(field, "must be a finite number of seconds >= 0");
        }
    }
}
