package io.sentinel.store.queue;

import java.time.Duration;
import java.util.List;

/**
 * The ingest queue between controllers and workers (Redis Streams in production,
 * {@link InProcessQueue} for {@code sentinel up}). Semantics, shared by both:
 *
 * <ul>
 *   <li>two lanes: alerts and heartbeats ({@link Envelope#urgent()}) in the urgent lane,
 *       telemetry in the bulk lane; {@link #read} and {@link #claimIdle} hand out urgent entries
 *       first, so a telemetry backlog never delays an alert. Each lane holds at most
 *       {@code capacity} unacknowledged entries.
 *   <li>{@link #append}: at most once per (sensor, batch id) within the dedup window; heartbeats
 *       always append.
 *   <li>{@link #read}: new entries for a consumer of a group; each stays pending for that
 *       consumer until {@link #ack acknowledged}. Acknowledged entries are deleted, so
 *       {@link #depth()} is the number of entries not yet acknowledged (the lag).
 *   <li>{@link #claimIdle}: takes over entries pending longer than {@code minIdle} (their consumer
 *       died or is stuck); their delivery count grows.
 *   <li>{@link #deadLetter}: moves an entry that keeps failing to the dead-letter stream with
 *       the error, and acknowledges it.
 *   <li>{@link #replayDeadLetter}: puts a dead letter back as a new entry (delivered afresh, its
 *       delivery count starting again) and removes it from the dead letters, in one step. The
 *       batch id is not checked against the dedup window again: the worker's stored-batch
 *       record keeps a replay from being stored twice.
 * </ul>
 * Implementations are thread-safe. Backend failures surface as {@link QueueException}.
 */
public interface IngestQueue extends AutoCloseable {
    /** Default consumer group of the workers. */
    String DEFAULT_GROUP = "workers";

    /** Queues an envelope unless its (sensor, batch id) was accepted before. */
    AppendResult append(Envelope envelope);

    /** Entries appended and not yet acknowledged (pending or undelivered). */
    long depth();

    /** Creates the consumer group if missing (idempotent). */
    void ensureGroup(String group);

    /**
     * Reads up to {@code max} new entries of each lane for {@code consumer} (the urgent lane's
     * first), waiting up to {@code block} when there are none. Returns an empty list on timeout.
     */
    List<QueueEntry> read(String group, String consumer, int max, Duration block);

    /** Like {@link #read}, of the urgent lane only (alerts and heartbeats). */
    List<QueueEntry> readUrgent(String group, String consumer, int max, Duration block);

    /** Claims up to {@code max} entries pending for longer than {@code minIdle} for {@code consumer}. */
    List<QueueEntry> claimIdle(String group, String consumer, Duration minIdle, int max);

    /** Acknowledges (and deletes) entries after their effects are committed. */
    void ack(String group, List<String> ids);

    /** Moves an entry to the dead-letter stream with its error and acknowledges it. */
    void deadLetter(String group, QueueEntry entry, String error);

    /** Number of entries held in the dead letters now (replayed ones leave it). */
    long deadLetterCount();

    /** The most recent dead letters, newest first. */
    List<DeadLetter> deadLetters(int max);

    /**
     * Moves the dead letter {@code deadLetterId} back onto the queue. Answers
     * {@link AppendResult.Accepted} with the new entry's id, {@link AppendResult.Full} when the
     * queue has no room (the dead letter stays), or empty when no such dead letter is held.
     */
    java.util.Optional<AppendResult> replayDeadLetter(String deadLetterId);

    @Override
    void close();
}
