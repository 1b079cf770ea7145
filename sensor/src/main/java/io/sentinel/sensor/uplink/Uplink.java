package io.sentinel.sensor.uplink;

import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.InvalidMessageException;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.sensor.spool.SpoolEntry;
import io.sentinel.sensor.spool.TelemetrySpool;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the spool to the controller, oldest record first, one record per request, and
 * acknowledges a record only once the controller accepted it (2xx, including the 200
 * "duplicate" answer to a batch id it already has). Because the batch id lives in the spool
 * record, every retry (also after a sensor restart) carries the same id, and the controller's
 * idempotency turns at-least-once delivery into exactly-once effect.
 *
 * <p>Failures: network errors, 5xx and 401/403/404 are retried with exponential backoff and
 * jitter ({@link Backoff}); 429 and 503 wait for the controller's {@code Retry-After} when it
 * gives one; {@link CircuitBreaker} stops requests for a while after repeated failures. Answers
 * 400, 409, 413, 415 and 422 mean the controller will never take that record: it is dropped and
 * counted in {@link Stats#rejected()} so that one bad record cannot block the spool forever.
 *
 * <p>Answers are read with the protocol's codec as typed records
 * ({@link ControllerAnswer.Accepted}, {@link ControllerAnswer.Duplicate},
 * {@link ControllerAnswer.HeartbeatAnswer}, {@link ControllerAnswer.Refusal}).
 *
 * <p>Heartbeats are sent on their own thread every {@link UplinkOptions#heartbeatInterval()};
 * the body comes from the supplier given at construction, and the server time in the answer
 * ({@code server_time}) refines the clock offset.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Uplink.class);

    private final TelemetrySpool spool;
    private final ControllerClient client;
    private final UplinkOptions options;
    private final Backoff backoff;
    private final CircuitBreaker breaker;
    private final Supplier<byte[]> heartbeatBody;
    private final Clock clock;
    private final Object wake = new Object();

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private final AtomicLong heartbeatsFailed = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastDelivery;
    private volatile boolean running;
    private Thread sender;
    private Thread heartbeat;
    private volatile IntConsumer configVersionListener;

    /** Counters of what the uplink did since start. */
    public record Stats(long delivered, long duplicates, long rejected, long failures, long throttled,
            long heartbeatsSent, long heartbeatsFailed, CircuitBreaker.State circuit, long circuitOpened,
            long clockOffsetMillis, Optional<Instant> lastDelivery, Optional<String> lastError) {}

    public Uplink(TelemetrySpool spool, ControllerClient client, UplinkOptions options, Supplier<byte[]> heartbeatBody, Clock clock) {
        this.spool = spool;
        this.client = client;
        this.options = options;
        this.backoff = new Backoff(options.backoffBase(), options.backoffMax(), new java.util.Random());
        this.breaker = new CircuitBreaker(options.breakerThreshold(), options.breakerOpenFor());
        this.heartbeatBody = heartbeatBody;
        this.clock = clock;
    }

    public synchronized void start() {
        if (running) return;
        running = true;
        sender = Thread.ofPlatform().daemon().name("sentinel-uplink").start(this::sendLoop);
        if (heartbeatBody != null && !options.heartbeatInterval().isZero())
            heartbeat = Thread.ofPlatform().daemon().name("sentinel-heartbeat").start(this::heartbeatLoop);
    }

    private void sendLoop() {
        int failuresInARow = 0;
        while (running) {
            try {
                long wait = breaker.waitNanos(System.nanoTime());
                if (wait > 0) {
                    pause(wait);
                    continue;
                }
                Optional<SpoolEntry> next = spool.awaitEntry(250, TimeUnit.MILLISECONDS);
                if (next.isEmpty()) continue;
                SpoolEntry e = next.get();
                Duration delay = deliver(e);
                if (delay == null) {
                    failuresInARow = 0;
                    continue;
                }
                if (delay.isNegative()) delay = backoff.delay(++failuresInARow);
                pause(delay.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) return;
                lastError = "spool: " + e.getMessage();
                LOG.warn("spool read failed: " + e.getMessage());
                try {
                    pause(backoff.delay(++failuresInARow).toNanos());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends one record. Returns null when done with it, a negative duration for "back off", else the wait. */
    private Duration deliver(SpoolEntry e) throws IOException, InterruptedException {
        String path = switch (e.kind()) {
            case SpoolEntry.KIND_ALERTS -> "/api/v1/alerts";
            case SpoolEntry.KIND_EVIDENCE -> "/api/v1/evidence";
            default -> "/api/v1/telemetry";
        };
        AlertDeliveryEvent trace = e.kind() == SpoolEntry.KIND_ALERTS ? new AlertDeliveryEvent() : null;
        if (trace != null && trace.isEnabled()) {
            trace.sentMicros = AlertDeliveryEvent.nowMicros();
        } else {
            trace = null;
        }
        ControllerClient.Response r;
        try {
            r = e.kind() == SpoolEntry.KIND_EVIDENCE
                    ? client.post(path, e.body(), false, "application/x-pcapng") // pcapng barely compresses; sent as written
                    : client.post(path, e.body(), true);
        } catch (IOException ex) {
            failures.incrementAndGet();
            breaker.onFailure(System.nanoTime());
            lastError = "controller unreachable: " + ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : " " + ex.getMessage());
            return Duration.ofNanos(-1);
        }
        int s = r.status();
        if (trace != null) {
            trace.answeredMicros = AlertDeliveryEvent.nowMicros();
            trace.status = s;
            trace.batchId = e.batchId();
            trace.spooledMillis = e.createdAtMillis();
            trace.bssids = AlertDeliveryEvent.bssids(e.body());
            trace.commit();
        }
        if (r.success()) {
            breaker.onSuccess();
            countDelivery(e, s, r.body());
            lastDelivery = clock.instant();
            spool.ack(e.position());
            return null;
        }
        ControllerAnswer.Refusal refusal = refusal(s, r.body());
        if (s == 400 || s == 409 || s == 413 || s == 415 || s == 422) {
            breaker.onSuccess(); // the controller is up; the record is the problem
            rejected.incrementAndGet();
            lastError = "batch " + e.batchId() + " rejected with " + s + ": " + describe(refusal);
            LOG.error(lastError);
            spool.ack(e.position());
            return null;
        }
        lastError = "controller answered " + s + " to " + path + ": " + describe(refusal);
        if (s == 429 || s == 503) {
            throttled.incrementAndGet();
            if (s == 503) breaker.onFailure(System.nanoTime());
            if (r.retryAfter().isPresent()) {
                Duration d = r.retryAfter().get();
                return d.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : d;
            }
            return Duration.ofNanos(-1);
        }
        failures.incrementAndGet();
        breaker.onFailure(System.nanoTime());
        return Duration.ofNanos(-1);
    }

    /** Counts a 2xx: an accepted batch, or one the controller already had. */
    private void countDelivery(SpoolEntry e, int status, byte[] body) {
        try {
            switch (Wire.readAnswer(status, body)) {
                case ControllerAnswer.Duplicate d -> duplicates.incrementAndGet();
                case ControllerAnswer.Accepted a -> delivered.incrementAndGet();
                case ControllerAnswer other -> {
                    delivered.incrementAndGet();
                    lastError = "batch " + e.batchId() + ": unexpected answer " + other;
                }
            }
        } catch (InvalidMessageException ex) {
            // the status says it was taken; the body is not one we know
            delivered.incrementAndGet();
            lastError = "batch " + e.batchId() + ": unreadable " + status + " answer (" + ex.getMessage() + ")";
        }
    }

    private static ControllerAnswer.Refusal refusal(int status, byte[] body) {
        return Wire.readAnswer(status, body) instanceof ControllerAnswer.Refusal r ? r
                : new ControllerAnswer.Refusal("http_" + status, "", null);
    }

    private static String describe(ControllerAnswer.Refusal r) {
        String detail = r.detail() == null ? "" : r.detail();
        String t = (r.error() + (detail.isEmpty() ? "" : ": " + detail)).replaceAll("\\s+", " ").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private void pause(long nanos) throws InterruptedException {
        synchronized (wake) {
            if (running) TimeUnit.NANOSECONDS.timedWait(wake, nanos);
        }
    }

    private void heartbeatLoop() {
        while (running) {
            sendHeartbeat();
            try {
                pause(options.heartbeatInterval().toNanos());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one heartbeat now; returns whether the controller accepted it. */
    public boolean sendHeartbeat() {
        try {
            long sent = clock.millis();
            ControllerClient.Response r = client.post("/api/v1/heartbeat", heartbeatBody.get(), false);
            long received = clock.millis();
            if (!r.success()) {
                heartbeatsFailed.incrementAndGet();
                return false;
            }
            heartbeatsSent.incrementAndGet();
            Optional<ControllerAnswer.HeartbeatAnswer> answer = heartbeatAnswer(r.status(), r.body());
            answer.ifPresent(h -> client.observeServerTime(h.serverTime(), sent, received));
            IntConsumer listener = configVersionListener;
            answer.map(ControllerAnswer.HeartbeatAnswer::configVersion).ifPresent(v -> {
                if (listener != null) listener.accept(v);
            });
            return true;
        } catch (IOException | RuntimeException e) {
            heartbeatsFailed.incrementAndGet();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The controller's clock from a heartbeat answer; empty when the answer is not one (the Date header's estimate stays). */
    static Optional<Instant> serverTime(int status, byte[] body) {
        return heartbeatAnswer(status, body).map(ControllerAnswer.HeartbeatAnswer::serverTime);
    }

    private static Optional<ControllerAnswer.HeartbeatAnswer> heartbeatAnswer(int status, byte[] body) {
        try {
            return Wire.readAnswer(status, body) instanceof ControllerAnswer.HeartbeatAnswer h ? Optional.of(h) : Optional.empty();
        } catch (InvalidMessageException e) {
            return Optional.empty();
        }
    }

    /** Told of the fleet configuration version each heartbeat answer names (see {@code FleetConfigAgent}). */
    public void onConfigVersion(IntConsumer listener) {
        this.configVersionListener = listener;
    }

    /**
     * Waits until every spooled record is delivered (or rejected), or the timeout passes.
     * Returns whether the spool is empty.
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (spool.pendingRecords() > 0) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    public Stats stats() {
        return new Stats(delivered.get(), duplicates.get(), rejected.get(), failures.get(), throttled.get(),
                heartbeatsSent.get(), heartbeatsFailed.get(), breaker.state(), breaker.timesOpened(),
                client.clockOffsetMillis(), Optional.ofNullable(lastDelivery), Optional.ofNullable(lastError));
    }

    public ControllerClient client() { return client; }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            if (!running) return;
            running = false;
        }
        synchronized (wake) {
            wake.notifyAll();
        }
        if (sender != null) sender.join(5000);
        if (heartbeat != null) {
            heartbeat.interrupt();
            heartbeat.join(5000);
        }
    }
}
