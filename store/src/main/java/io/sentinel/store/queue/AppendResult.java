package io.sentinel.store.queue;

/** What {@link IngestQueue#append} did with an envelope. */
public sealed interface AppendResult {
    /** Queued; {@code ackId} identifies the entry (answer 202 with it). */
    record Accepted(String ackId) implements AppendResult {}

    /** The same (sensor, batch id) was accepted before; nothing queued (answer 200 duplicate). */
    record Duplicate() implements AppendResult {}

    /** The queue holds its maximum of unacknowledged entries (answer 503 with Retry-After). */
    record Full(long depth) implements AppendResult {}
}
