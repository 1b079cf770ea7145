package io.sentinel.sensor.spool;

/** Where a record starts: the segment number and the byte offset in that segment file. */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {
    @Override
    public int compareTo(SpoolPosition o) {
        int c = Long.compare(segment, o.segment);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() { return segment + ":" + offset; }
}
