package io.sentinel.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sentinel.app.up.QueueBackend;
import io.sentinel.controller.ControllerServer;
import io.sentinel.controller.ControllerServices;
import io.sentinel.controller.config.ConfigException;
import io.sentinel.controller.config.ControllerConfig;
import io.sentinel.controller.evidence.EvidenceConfig;
import io.sentinel.controller.evidence.EvidenceStorage;
import io.sentinel.store.Migrations;
import io.sentinel.store.OpenDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code sentinel controller}: the HTTP API on {@code CONTROLLER_PORT}. Validates the configuration
 * before anything else (exit 78 naming each bad variable); never creates tables: until
 * {@code sentinel migrate} ran, {@code /readyz} and the API answer 503. Only in development with
 * the embedded database (no {@code DATABASE_URL}) does it apply migrations itself.
 */
@Command(name = "controller", mixinStandardHelpOptions = true, description = "Run the controller HTTP API.")
public final class ControllerCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerCommand.class);

    /** Counted down once the server, queue and database are closed; the shutdown hook waits for it. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        ControllerConfig config;
        EvidenceConfig evidenceConfig;
        try {
            config = ControllerConfig.load(env);
            evidenceConfig = EvidenceConfig.load(env, config.dataDir());
        } catch (ConfigException e) {
            for (String problem : e.problems()) {
                System.err.println("sentinel controller: " + problem);
            }
            return Sentinel.EXIT_CONFIG;
        }
        LOG.info("configuration: {}", config);
        try (OpenDatabase db = OpenDatabase.fromEnvironment(env)) {
            Migrations migrations = new Migrations(db.database().dataSource(), "public", config.telemetryRetentionDays());
            if (db.embedded().isPresent()) {
                int applied = migrations.migrate();
                LOG.info("development: embedded PostgreSQL in {}; applied {} migration(s)",
                        db.embedded().get().dataDirectory(), applied);
            }
            QueueBackend backend;
            if (config.redisUrl().isPresent()) {
                backend = QueueBackend.redis(config.redisUrl().get(), Duration.ofSeconds(60));
            } else {
                LOG.warn("development: no REDIS_URL, using an in-process queue that no separate worker can read; "
                        + "use `sentinel up` to run a worker in the same process");
                backend = QueueBackend.inProcess();
            }
            if (evidenceConfig.s3().isEmpty() && config.prod()) {
                LOG.warn("no S3_* variables: PCAP evidence is kept in {} on this host", evidenceConfig.directory());
            }
            try (backend; EvidenceStorage evidence = new EvidenceStorage(evidenceConfig.openStore(), evidenceConfig)) {
                LOG.info("evidence: {}, kept {} days, {} MiB per sensor", evidence.store().describe(),
                        evidenceConfig.retentionDays(), evidenceConfig.sensorQuotaBytes() >> 20);
                ControllerServices services = new ControllerServices(db.database(), migrations, backend.queue(),
                        backend.nonces(), backend.redis(), Clock.systemUTC(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        evidence)
                    .withSettingsCheck(io.sentinel.sensor.config.SettingsCatalogue.INSTANCE);
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopped.countDown();
                    try {
                        closed.await(15, TimeUnit.SECONDS); // let the server finish in-flight requests
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "sentinel-controller-shutdown"));
                try (ControllerServer server = ControllerServer.start(config, services)) {
                    var failures = server.readinessFailures();
                    if (!failures.isEmpty()) {
                        LOG.warn("not ready yet (answering 503): {}", String.join("; ", failures));
                    }
                    stopped.await();
                    LOG.info("controller stopping");
                }
            }
        } catch (OpenDatabase.ConfigurationException e) {
            System.err.println("sentinel controller: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
