package io.sentinel.app.up;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ConfigException;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.evidence.EvidenceConfig;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.controller.sensors.SensorEnrolment;
import io.sentinel.protocol.signing.SensorKeyDeriver;
import io.sentinel.sensor.ReplaySummary;
import io.sentinel.store.Migrations;
import io.sentinel.store.OpenDatabase;
import io.sentinel.store.Database;
import io.sentinel.store.queue.InProcessQueue;
import io.sentinel.store.queue.IngestQueue;
import io.sentinel.store.queue.RedisStreamQueue;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.worker.Worker;
import io.sentinel.store.notify.SecretBox;
import io.sentinel.worker.WorkerSettings;
import io.sentinel.worker.notify.NotificationService;
import io.sentinel.worker.notify.NotifySettings;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code sentinel up} runs, in order: configuration (development rules), embedded PostgreSQL
 * in the data directory, migrations, in-process queue, worker, controller with dashboard, the
 * banner (URL, admin token), then the sample replay. Kept apart from the command so tests can
 * run it with their own environment.
 */
public final class AllInOne {

    /** Exit code for a configuration refused (sysexits EX_CONFIG). */
    public static final int EXIT_CONFIG = 78;

    /** The running system, handed to {@code whileRunning}; {@code database} is the embedded one (benchmarks read it). */
    public record Running(String baseUrl, String adminToken, Optional<ReplaySummary> sample, Database database) {}

    /**
     * How the all-in-one process is put together.
     *
     * @param replaySample replay the sample capture once everything runs
     * @param redisUrl empty: the in-process queue of {@code sentinel up}; else this Redis (benchmarks
     *     of the production queue path; {@code sentinel up} itself never takes REDIS_URL)
     * @param bulkWorkers consumers of both lanes (each stores in its own transactions; two overlap
     *     decoding with the database's work), beside the one consumer of the urgent lane
     */
    public record Setup(boolean replaySample, Optional<String> redisUrl, int bulkWorkers) {
        public Setup {
            if (bulkWorkers < 1) {
                throw new IllegalArgumentException("at least one worker");
            }
        }

        /** What {@code sentinel up} runs: the in-process queue and {@link #DEFAULT_BULK_WORKERS} workers. */
        public static Setup up(boolean replaySample) {
            return new Setup(replaySample, Optional.empty(), DEFAULT_BULK_WORKERS);
        }
    }

    /** Bulk consumers of {@code sentinel up}. */
    public static final int DEFAULT_BULK_WORKERS = 2;

    /** What to do once everything runs: usually wait for a signal; tests query and return. */
    @FunctionalInterface
    public interface WhileRunning {
        void accept(Running running) throws Exception;
    }

    private AllInOne() {}

    /**
     * Runs everything until {@code whileRunning} returns, then stops it all.
     *
     * @return 0, or {@link #EXIT_CONFIG} when the environment is refused
     */
    public static int run(Map<String, String> environment, PrintStream out, PrintStream err, boolean replaySample,
                          WhileRunning whileRunning) throws Exception {
        return run(environment, out, err, Setup.up(replaySample), whileRunning);
    }

    /** {@link #run(Map, PrintStream, PrintStream, boolean, WhileRunning)} with the parts chosen by {@code setup}. */
    public static int run(Map<String, String> environment, PrintStream out, PrintStream err, Setup setup,
                          WhileRunning whileRunning) throws Exception {
        boolean replaySample = setup.replaySample();
        Map<String, String> env = new HashMap<>(environment);
        if ("prod".equalsIgnoreCase(env.getOrDefault(ControllerConfig.SENTINEL_ENV, ""))) {
            err.println("sentinel up: runs on the embedded development defaults and refuses SENTINEL_ENV=prod; "
                    + "run `sentinel migrate`, `sentinel controller` and `sentinel worker` instead");
            return EXIT_CONFIG;
        }
        // up always uses the embedded database and (unless a benchmark's setup names a Redis) the in-process queue
        env.remove(ControllerConfig.DATABASE_URL);
        env.remove(ControllerConfig.REDIS_URL);
        // and keeps evidence in SENTINEL_DATA_DIR/evidence
        for (String s3 : List.of(EvidenceConfig.S3_ENDPOINT, EvidenceConfig.S3_BUCKET, EvidenceConfig.S3_ACCESS_KEY_ID,
                EvidenceConfig.S3_SECRET_ACCESS_KEY)) env.remove(s3);
        env.putIfAbsent(ControllerConfig.CONTROLLER_BIND, "127.0.0.1");
        ControllerConfig config;
        EvidenceConfig evidenceConfig;
        try {
            config = ControllerConfig.load(env);
            evidenceConfig = EvidenceConfig.load(env, config.dataDir());
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println("sentinel up: " + p));
            return EXIT_CONFIG;
        }
        out.println("sentinel up: starting embedded PostgreSQL in " + config.dataDir().resolve("postgres").toAbsolutePath());
        try (OpenDatabase db = OpenDatabase.fromEnvironment(env);
                QueueBackend backend = setup.redisUrl().isPresent()
                        ? QueueBackend.redis(setup.redisUrl().get(), Duration.ofSeconds(10)) : QueueBackend.inProcess();
                EvidenceStorage evidence = new EvidenceStorage(evidenceConfig.openStore(), evidenceConfig)) {
            Migrations migrations = new Migrations(db.database().dataSource(), "public", config.telemetryRetentionDays());
            int applied = migrations.migrate();
            out.println("sentinel up: schema at version " + Migrations.EXPECTED_VERSION + " (" + applied
                    + " migration(s) applied now)");

            WorkerSettings consumers = WorkerSettings.defaults("up-" + ProcessHandle.current().pid())
                    .withRetentionDays(config.telemetryRetentionDays());
            List<Worker> workers = new ArrayList<>();
            List<Thread> workerThreads = new ArrayList<>();
            List<IngestQueue> workerQueues = new ArrayList<>();
            for (int i = 0; i <= setup.bulkWorkers(); i++) {
                // the last one consumes the urgent lane only: alerts and heartbeats never wait behind a telemetry COPY
                boolean urgent = i == setup.bulkWorkers();
                // a Redis consumer blocks on its own connection; the in-process queue is shared
                IngestQueue queue = backend.redis().<IngestQueue>map(RedisStreamQueue::new).orElse(backend.queue());
                if (queue != backend.queue()) {
                    workerQueues.add(queue);
                }
                WorkerSettings settings = urgent ? consumers.urgentConsumer()
                        : consumers.withConsumer(consumers.consumer() + "-" + i);
                Worker w = new Worker(db.database(), queue, settings, Clock.systemUTC());
                workers.add(w);
                workerThreads.add(Thread.ofPlatform().name(urgent ? "sentinel-worker-urgent" : "sentinel-worker-" + i)
                        .daemon().start(w));
            }
            NotificationService notifications = new NotificationService(db.database(),
                    SecretBox.fromControllerSecret(config.secretKey()),
                    NotifySettings.defaults(config.dataDir()).withLoopbackWebhooks(true)
                            .withConfigFile(Optional.ofNullable(env.get("NOTIFY_CONFIG_FILE")).filter(s -> !s.isBlank())
                                    .map(java.nio.file.Path::of)),
                    Clock.systemUTC(), env).start();
            ControllerServices services = new ControllerServices(db.database(), migrations, backend.queue(),
                    backend.nonces(), backend.redis(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                    evidence)
                    .withSettingsCheck(io.sentinel.sensor.config.SettingsCatalogue.INSTANCE);
            try (ControllerServer server = ControllerServer.start(config, services)) {
                String base = "http://127.0.0.1:" + server.port();
                banner(out, config, base);
                Optional<SampleReplay.SampleSensor> sample = Optional.empty();
                try {
                    if (replaySample) {
                        sample = replaySample(out, config, db, base);
                        if (backend.queue() instanceof InProcessQueue q) {
                            q.awaitDrained(Duration.ofSeconds(60)); // stored before anyone looks
                        }
                    } else {
                        out.println("sentinel up: sample replay skipped (--no-sample)");
                    }
                    whileRunning.accept(new Running(base, config.apiAuthToken(), sample.map(SampleReplay.SampleSensor::summary),
                            db.database()));
                } finally {
                    if (sample.isPresent()) {
                        sample.get().close(); // its last heartbeat, while the controller still listens
                    }
                }
            } finally {
                workers.forEach(Worker::stop);
                notifications.close();
                for (Thread t : workerThreads) {
                    t.join(5_000);
                }
                workerQueues.forEach(IngestQueue::close);
            }
        } catch (OpenDatabase.ConfigurationException e) {
            err.println("sentinel up: " + e.getMessage());
            return EXIT_CONFIG;
        }
        return 0;
    }

    private static void banner(PrintStream out, ControllerConfig config, String base) {
        out.println();
        out.println("  Dashboard:          " + base + "/");
        out.println("  API:                " + base + "/api/v1/  (OpenAPI: " + base + "/api/v1/openapi.json)");
        out.println("  Admin API token:    " + config.apiAuthToken());
        out.println("  Dashboard password: " + config.dashPassword());
        out.println("  (generated once and kept in " + config.dataDir().resolve("secrets.properties").toAbsolutePath()
                + " unless set in the environment)");
        out.println("  Try: curl -H 'Authorization: Bearer " + config.apiAuthToken() + "' " + base + "/api/v1/alerts");
        out.println();
    }

    private static Optional<SampleReplay.SampleSensor> replaySample(PrintStream out, ControllerConfig config, OpenDatabase db,
                                                                    String base) {
        SensorEnrolment enrolment = new SensorEnrolment(new SensorRepository(db.database()),
                new SensorKeyDeriver(config.hmacSecret()));
        try {
            out.println("sentinel up: replaying the sample capture as sensor '" + SampleReplay.SENSOR_ID + "'...");
            SampleReplay.SampleSensor sensor = new SampleReplay(enrolment, config.dataDir().resolve("sample")).start(URI.create(base));
            ReplaySummary s = sensor.summary();
            out.println("sentinel up: sample replayed: " + s.frames() + " frames, " + s.alertsOpened() + " alerts, "
                    + s.telemetryItems() + " telemetry items" + (s.pending() > 0 ? " (" + s.pending() + " still pending)" : "")
                    + "; sensor '" + SampleReplay.SENSOR_ID + "' stays connected (state replay_finished) while up runs");
            return Optional.of(sensor);
        } catch (Exception e) {
            out.println("sentinel up: the sample replay failed (" + e + "); everything else keeps running");
            return Optional.empty();
        }
    }
}
