package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The production sequence of docker-compose.prod.yml without Docker: the processes of the
 * image, configured only by a .env from ops/generate-env.sh (addresses pointed at a local
 * PostgreSQL 15 and Redis), probed by the image's own healthcheck script. The controller is
 * started before the migration to show that readiness, and so compose's gating of nginx,
 * waits for the schema.
 */
class ProdStackIT {

    @Test
    void controllerBecomesReadyOnlyAfterTheMigrationAndTheWorkerRuns() throws Exception {
        assumeTrue(LocalPostgres.available(), "needs Debian's postgresql-15 binaries");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")), "needs redis-server");
        Path dir = RepoFiles.scratch("prodstack");
        Map<String, String> env = new HashMap<>(EnvFiles.parse(EnvExampleTest.generateEnv()));
        try (LocalPostgres pg = LocalPostgres.start(); RedisServer redis = RedisServer.start(dir, env.get("REDIS_PASSWORD"))) {
            // what the TimescaleDB image does on first start: POSTGRES_USER is the cluster's superuser
            pg.sql("postgres", "CREATE ROLE " + env.get("POSTGRES_USER") + " SUPERUSER LOGIN PASSWORD '" + env.get("POSTGRES_PASSWORD") + "'");
            pg.sql("postgres", "CREATE DATABASE " + env.get("POSTGRES_DB") + " OWNER " + env.get("POSTGRES_USER"));
            int port = EdgeNginx.freePort();
            env.put("DATABASE_URL", env.get("DATABASE_URL").replace("@postgres:5432/", "@127.0.0.1:" + pg.port + "/"));
            env.put("REDIS_URL", env.get("REDIS_URL").replace("@redis:6379/", "@127.0.0.1:" + redis.port + "/"));
            env.put("TRUSTED_PROXY_CIDRS", "127.0.0.1/32");
            env.put("CONTROLLER_PORT", String.valueOf(port));
            env.put("CONTROLLER_BIND", "127.0.0.1");
            env.put("SENTINEL_DATA_DIR", dir.resolve("data").toString());
            Map<String, String> probeEnv = Map.of("CONTROLLER_PORT", String.valueOf(port));

            try (SentinelProcess controller = SentinelProcess.start(dir.resolve("controller.log"), env, "controller")) {
                controller.awaitPort(port, Duration.ofSeconds(90));
                assertThat(probe(probeEnv, "/api/v1/health").exitCode()).as("live before the migration").isZero();
                Processes.Result notReady = probe(probeEnv, "/readyz");
                assertThat(notReady.exitCode()).as("not ready before the migration").isEqualTo(1);
                assertThat(notReady.output()).contains("503");
                RawHttp.Response readyz = new RawHttp("127.0.0.1", null).http(port, "GET", "/readyz", Map.of(), null);
                assertThat(readyz.status()).isEqualTo(503);
                assertThat(readyz.text()).contains("schema drift");

                int migrate = SentinelProcess.run(dir.resolve("migrate.log"), env, Duration.ofSeconds(120), "migrate");
                assertThat(migrate).as(Files.readString(dir.resolve("migrate.log"))).isZero();
                int validate = SentinelProcess.run(dir.resolve("validate.log"), env, Duration.ofSeconds(120), "migrate", "validate");
                assertThat(validate).as("the k8s init container's check").isZero();

                Processes.Result ready = awaitReady(probeEnv, Duration.ofSeconds(30));
                assertThat(ready.exitCode()).as(ready.output() + controller.output()).isZero();

                try (SentinelProcess worker = SentinelProcess.start(dir.resolve("worker.log"), env, "worker")) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!worker.output().contains("consuming") && worker.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                    }
                    assertThat(worker.isAlive()).as(worker.output()).isTrue();
                    assertThat(worker.output()).contains("consuming");
                }
                // no secret value reaches the logs
                for (String log : List.of(controller.output(), Files.readString(dir.resolve("migrate.log")),
                        Files.readString(dir.resolve("worker.log")))) {
                    for (String secret : List.of("CONTROLLER_SECRET_KEY", "CONTROLLER_HMAC_SECRET", "API_AUTH_TOKEN",
                            "DASH_PASSWORD", "POSTGRES_PASSWORD", "REDIS_PASSWORD")) {
                        assertThat(log).as("%s in the logs", secret).doesNotContain(env.get(secret));
                    }
                }
            }
        }
    }

    private static Processes.Result awaitReady(Map<String, String> env, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Processes.Result last = probe(env, "/readyz");
        while (last.exitCode() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = probe(env, "/readyz");
        }
        return last;
    }

    private static Processes.Result probe(Map<String, String> env, String path) {
        return Processes.run(List.of("bash", RepoFiles.path("ops/healthcheck.sh").toString(), path), null, env, 20);
    }
}
