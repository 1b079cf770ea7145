package io.sentinel.sensor.spool;

/** When the spool forces appended records to the disk. */
public enum FsyncPolicy {
    /** After every record: a power cut loses nothing that was appended. */
    ALWAYS,
    /** At most once per {@link SpoolOptions#fsyncInterval()}: a power cut loses at most that much. */
    INTERVAL,
    /** Never explicitly: the operating system writes back when it likes. */
    NEVER
}
