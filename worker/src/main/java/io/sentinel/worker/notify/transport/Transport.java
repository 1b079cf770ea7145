package io.sentinel.worker.notify.transport;

import io.sentinel.worker.notify.Message;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Sends messages to one channel. Implementations never put a secret into an error text. */
public interface Transport extends AutoCloseable {

    /**
     * Sends {@code batch} in order and says how many of them (a prefix) are confirmed delivered;
     * on a failure the rest is retried later, with the same message ids. Past {@code deadline}
     * ({@link System#nanoTime()}) no further message is started: the rest goes back to the queue
     * untried, so a slow receiver cannot outlast the lease and have another worker send the batch too.
     */
    Result send(List<Message> batch, long deadline);

    @Override
    default void close() {}

    /** What happened to a batch. */
    record Result(int delivered, Optional<Failure> failure) {
        public static Result all(int n) {
            return new Result(n, Optional.empty());
        }

        public static Result failed(int delivered, Failure f) {
            return new Result(delivered, Optional.of(f));
        }
    }

    /**
     * Why a message was not delivered. {@code channelDown}: the receiver is unreachable or
     * overloaded (connection refused, timeout, 5xx, 429): the whole channel waits before trying
     * again. Otherwise only the message itself is retried later (e.g. a 400 for its body).
     */
    record Failure(String error, boolean channelDown, Optional<Duration> retryAfter) {
        public static Failure down(String error) {
            return new Failure(error, true, Optional.empty());
        }

        public static Failure rejected(String error) {
            return new Failure(error, false, Optional.empty());
        }
    }
}
