package io.sentinel.store.alert;

/** What {@link AlertRepository#upsert} did with one reported alert. */
public record UpsertOutcome(String alertId, Event event) {
    /** The kinds of change. */
    public enum Event {
        /** a new alert */
        CREATED,
        /** the same sensor's report grew (count, last seen, confidence) */
        UPDATED,
        /** another sensor's report joined an existing alert */
        MERGED,
        /** a resolved alert received new evidence and is open again */
        REOPENED,
        /** a redelivered report that changed nothing */
        UNCHANGED
    }
}
