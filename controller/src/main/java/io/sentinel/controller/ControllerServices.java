package io.sentinel.controller;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.protocol.fleet.SettingsCheck;
import io.sentinel.protocol.signing.NonceCache;
import io.sentinel.store.Database;
import io.sentinel.store.Migrations;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.Redis;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The backends the controller talks to, opened by the caller ({@code sentinel controller} or
 * {@code sentinel up}) and closed by it.
 *
 * @param database the PostgreSQL pool
 * @param migrations the schema's migrations (readiness only: the controller never applies them)
 * @param queue the ingest queue (Redis Streams or in-process)
 * @param nonces the replay cache (Redis or in-memory)
 * @param redis the Redis client when the queue is Redis (checked by readiness)
 * @param clock the wall clock
 * @param metrics the Prometheus registry behind {@code /metrics}
 * @param evidence where evidence files are stored ({@link EvidenceStorage#unconfigured()}: uploads wait)
 * @param settingsCheck judges the detection settings of fleet profiles by the detector catalogue
 *     (the controller does not depend on {@code detect}: the program that wires it passes it)
 */
public record ControllerServices(
        Database database,
        Migrations migrations,
        IngestQueue queue,
        NonceCache nonces,
        Optional<Redis> redis,
        Clock clock,
        PrometheusMeterRegistry metrics,
        EvidenceStorage evidence,
        SettingsCheck settingsCheck) {

    /**
     * Without evidence storage (uploads are answered 503 and stay in the sensors' spools) and
     * without the detector catalogue (every detection setting of a fleet profile is refused,
     * saying why; the rest of the fleet configuration works).
     */
    public ControllerServices(Database database, Migrations migrations, IngestQueue queue, NonceCache nonces, Optional<Redis> redis,
            Clock clock, PrometheusMeterRegistry metrics) {
        this(database, migrations, queue, nonces, redis, clock, metrics, EvidenceStorage.unconfigured());
    }

    /** With evidence storage, without the detector catalogue. */
    public ControllerServices(Database database, Migrations migrations, IngestQueue queue, NonceCache nonces, Optional<Redis> redis,
            Clock clock, PrometheusMeterRegistry metrics, EvidenceStorage evidence) {
        this(database, migrations, queue, nonces, redis, clock, metrics, evidence,
                io.sentinel.controller.fleet.FleetService.WITHOUT_CATALOGUE);
    }

    /** The same backends with evidence storage. */
    public ControllerServices withEvidence(EvidenceStorage storage) {
        return new ControllerServices(database, migrations, queue, nonces, redis, clock, metrics, storage, settingsCheck);
    }

    /** The same backends with the sensor's catalogue judging fleet settings. */
    public ControllerServices withSettingsCheck(SettingsCheck check) {
        return new ControllerServices(database, migrations, queue, nonces, redis, clock, metrics, evidence, check);
    }

    public ControllerServices {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(nonces, "nonces");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(settingsCheck, "settingsCheck");
    }
}
