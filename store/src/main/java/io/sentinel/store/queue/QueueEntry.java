package io.sentinel.store.queue;

/**
 * An entry handed to a consumer.
 *
 * @param id the queue's id of the entry (pass it to {@link IngestQueue#ack})
 * @param envelope the request
 * @param deliveries how many times it has been delivered, this time included
 */
public record QueueEntry(String id, Envelope envelope, long deliveries) {}
