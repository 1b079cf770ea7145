package io.sentinel.store.queue;

/** The queue backend is unreachable or refused an operation; the caller may retry later. */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
