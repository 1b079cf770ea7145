package io.sentinel.sensor.spool;

import java.util.List;

/**
 * What opening the spool found: the records still to send and every damaged region that was
 * cut off (a torn write at the tail after a crash, or a record whose checksum does not match).
 */
public record SpoolRecovery(int segments, long pendingRecords, List<Damage> damage, String committedNote) {

    /** A region of a segment file that was discarded. */
    public record Damage(long segment, long offset, long discardedBytes, String reason) {
        @Override
        public String toString() {
            return "segment " + segment + " at byte " + offset + ": " + reason + " (" + discardedBytes + " bytes discarded)";
        }
    }

    public boolean clean() { return damage.isEmpty() && committedNote == null; }
}
