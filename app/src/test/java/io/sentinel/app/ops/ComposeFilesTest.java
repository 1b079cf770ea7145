package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.app.Sentinel;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The zero-trust rules of ops/docker-compose.prod.yml (and the dev file's relaxations), read from the files. */
class ComposeFilesTest {

    private static final Compose PROD = Compose.load("ops/docker-compose.prod.yml");
    private static final Compose DEV = Compose.load("ops/docker-compose.dev.yml");

    private static final Set<String> SENTINEL_SERVICES = Set.of("controller", "worker", "migration");
    private static final Set<String> ONE_SHOT = Set.of("migration", "minio-init");
    /** Environment names that carry credentials (URLs carry passwords). */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(SECRET|PASSWORD|PASS|TOKEN|KEY|_URL|AUTH|_USER).*");
    /** Only references to .env variables, each required with ${VAR:?message}. */
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]*}");

    @Test
    void prodHasTheStackOfTheGuide() {
        assertThat(PROD.services().keySet())
                .contains("nginx", "controller", "worker", "migration", "postgres", "redis", "minio", "minio-init");
    }

    @Test
    void onlyNginxPublishesPortsInProdAndOnly80And443() {
        PROD.services().keySet().forEach(name -> {
            if (!name.equals("nginx")) {
                assertThat(PROD.service(name)).as("service %s must publish no host port", name).doesNotContainKey("ports");
            }
        });
        assertThat(PROD.list("nginx", "ports")).map(String::valueOf).containsExactlyInAnyOrder("80:80", "443:443");
    }

    @Test
    void everyServiceIsOnTheInternalSentinelNetAndOnlyNginxAlsoOnTheEdge() {
        Map<String, Object> net = Compose.map(PROD.networks().get("sentinel-net"));
        assertThat(net.get("internal")).as("sentinel-net must be internal (no route out)").isEqualTo(true);
        for (String name : PROD.services().keySet()) {
            assertThat(PROD.networksOf(name)).as("networks of %s", name).contains("sentinel-net");
            if (!name.equals("nginx")) {
                assertThat(PROD.networksOf(name)).as("%s joins only sentinel-net", name).containsExactly("sentinel-net");
            }
        }
        List<String> edge = PROD.networksOf("nginx").stream().filter(n -> !n.equals("sentinel-net")).toList();
        assertThat(edge).hasSize(1);
        assertThat(Compose.map(PROD.networks().get(edge.get(0))).get("internal")).isNotEqualTo(true);
    }

    @Test
    void migrationGatesControllerAndWorker() {
        for (Compose compose : List.of(PROD, DEV)) {
            for (String name : List.of("controller", "worker")) {
                assertThat(compose.dependsOn(name))
                        .as("%s in %s", name, compose.file())
                        .containsEntry("migration", "service_completed_successfully")
                        .containsEntry("postgres", "service_healthy")
                        .containsEntry("redis", "service_healthy");
            }
            assertThat(compose.dependsOn("migration")).containsEntry("postgres", "service_healthy");
            assertThat(compose.service("migration").get("command")).isEqualTo(List.of("migrate"));
            assertThat(compose.service("migration").get("restart")).isEqualTo("no");
            assertThat(compose.dependsOn("nginx")).containsEntry("controller", "service_healthy");
        }
        assertThat(PROD.dependsOn("controller")).containsEntry("minio-init", "service_completed_successfully");
    }

    @Test
    void everyServiceDeclaresItsHealthcheck() {
        for (Compose compose : List.of(PROD, DEV)) {
            compose.services().keySet().forEach(name -> {
                Map<String, Object> hc = Compose.map(compose.service(name).get("healthcheck"));
                assertThat(hc).as("healthcheck of %s in %s", name, compose.file()).isNotEmpty();
                if (ONE_SHOT.contains(name)) {
                    // a one-shot's health is its exit code, which service_completed_successfully checks
                    assertThat(hc.get("disable")).as("one-shot %s", name).isEqualTo(true);
                } else {
                    assertThat(hc.get("test")).as("healthcheck test of %s in %s", name, compose.file()).isInstanceOf(List.class);
                    assertThat((List<?>) hc.get("test")).isNotEmpty();
                }
            });
            assertThat(Compose.map(compose.service("controller").get("healthcheck")).get("test"))
                    .as("the controller is healthy when ready").asString().contains("/readyz");
        }
    }

    @Test
    void everyProdServiceHasRestartPolicyLimitsAndLogRotation() {
        PROD.services().keySet().forEach(name -> {
            Map<String, Object> s = PROD.service(name);
            assertThat(s.get("restart")).as("restart of %s", name)
                    .isIn(ONE_SHOT.contains(name) ? List.of("no") : List.of("unless-stopped", "always"));
            Map<String, Object> limits = Compose.map(Compose.map(Compose.map(s.get("deploy")).get("resources")).get("limits"));
            assertThat(limits).as("resource limits of %s", name).containsKeys("cpus", "memory");
            Map<String, Object> logging = Compose.map(s.get("logging"));
            assertThat(logging.get("driver")).isEqualTo("json-file");
            assertThat(Compose.map(logging.get("options"))).as("log rotation of %s", name).containsKeys("max-size", "max-file");
            assertThat(PROD.list(name, "security_opt")).as("%s", name).contains("no-new-privileges:true");
        });
    }

    @Test
    void sentinelServicesRunTheImageReadOnlyAsRealSubcommands() {
        Set<String> subcommands = Sentinel.commandLine().getSubcommands().keySet();
        for (String name : SENTINEL_SERVICES) {
            Map<String, Object> s = PROD.service(name);
            assertThat(String.valueOf(s.get("image"))).isEqualTo("${SENTINEL_IMAGE:-sentinel:local}");
            assertThat((List<?>) s.get("command")).hasSize(1);
            assertThat(subcommands).contains(String.valueOf(((List<?>) s.get("command")).get(0)));
            assertThat(s.get("read_only")).as("read-only root of %s", name).isEqualTo(true);
            assertThat(PROD.list(name, "tmpfs")).contains("/tmp");
            assertThat(PROD.list(name, "cap_drop")).containsExactly("ALL");
            assertThat(PROD.environment(name)).containsEntry("SENTINEL_ENV", "prod");
        }
        Map<String, Object> build = Compose.map(PROD.service("controller").get("build"));
        assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "ops/Dockerfile");
        assertThat(RepoFiles.path("ops/Dockerfile")).isRegularFile();
        // scalable: no fixed name, no host port
        assertThat(PROD.service("worker")).doesNotContainKeys("container_name", "ports");
        assertThat(PROD.service("controller")).doesNotContainKey("container_name");
    }

    @Test
    void dataServicesAreTheDocumentedOnes() {
        Map<String, Object> pg = PROD.service("postgres");
        assertThat(String.valueOf(pg.get("image"))).startsWith("timescale/timescaledb:").doesNotEndWith(":latest");
        assertThat(pg.get("container_name")).isEqualTo("sentinel-prod-postgres");
        assertThat(PROD.list("postgres", "volumes")).map(String::valueOf).contains("pgdata:/var/lib/postgresql/data");
        // passwords over TCP; the socket inside the container must not ask for one, or the guide's
        // `docker exec sentinel-prod-postgres pg_dump -U postgres sentinel > backup.sql` fails
        // (found by ops/trial/stack-trial under a real engine)
        assertThat(PROD.environment("postgres").get("POSTGRES_INITDB_ARGS"))
                .contains("--auth-host=scram-sha-256").doesNotContain("--auth-local");

        String redisCommand = String.valueOf(PROD.service("redis").get("command"));
        assertThat(redisCommand).contains("--requirepass \"$$REDIS_PASSWORD\"").contains("--appendonly yes");
        assertThat(PROD.list("redis", "volumes")).map(String::valueOf).contains("redisdata:/data");

        String init = String.valueOf(PROD.service("minio-init").get("command"));
        assertThat(init).contains("mc mb --ignore-existing \"local/$$MINIO_BUCKET\"").contains("mc anonymous set none");
        assertThat(PROD.dependsOn("minio-init")).containsEntry("minio", "service_healthy");
    }

    @Test
    void prodTakesEverySecretFromEnvAndRequiresIt() {
        PROD.services().keySet().forEach(name -> PROD.environment(name).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches() && !key.equals("S3_ENDPOINT")) {
                assertThat(value).as("%s of %s must be a required ${VAR:?...} reference", key, name).matches(REQUIRED_REFERENCE);
            }
        }));
    }

    @Test
    void devTakesSecretsFromEnvWithThrowawayDefaultsOnly() {
        DEV.services().keySet().forEach(name -> DEV.environment(name).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches() && !key.equals("S3_ENDPOINT")) {
                assertThat(value).as("%s of %s", key, name).contains("${");
            }
        }));
    }

    @Test
    void noSecretLiteralAnywhereInTheComposeFiles() throws Exception {
        for (String file : List.of("ops/docker-compose.prod.yml", "ops/docker-compose.dev.yml")) {
            String text = Files.readString(RepoFiles.path(file));
            assertThat(text).as(file).doesNotContainPattern("[0-9a-fA-F]{32,}");
            assertThat(text).as(file).doesNotContainPattern("(?i)(password|secret|token)\\s*[:=]\\s*[\"']?[A-Za-z0-9+/]{12,}");
            // a credential inside a URL must be a reference too
            assertThat(text).as(file).doesNotContainPattern("://[^$\\s/:@]+:[^$\\s@]+@");
        }
    }

    @Test
    void devPublishesDatabaseRedisAndControllerOnLoopbackAndSaysItIsNotForProduction() {
        assertThat(RepoFiles.read("ops/docker-compose.dev.yml")).contains("NOT FOR PRODUCTION");
        assertThat(DEV.list("postgres", "ports")).map(String::valueOf).containsExactly("127.0.0.1:5432:5432");
        assertThat(DEV.list("redis", "ports")).map(String::valueOf).containsExactly("127.0.0.1:6379:6379");
        assertThat(DEV.list("controller", "ports")).map(String::valueOf).containsExactly("127.0.0.1:5000:5000");
        for (String name : List.of("worker", "migration", "minio", "minio-init")) {
            assertThat(DEV.service(name)).as(name).doesNotContainKey("ports");
        }
        for (String name : DEV.services().keySet()) {
            assertThat(DEV.networksOf(name)).as(name).contains("sentinel-net");
        }
        assertThat(DEV.environment("controller")).containsEntry("SENTINEL_ENV", "dev");
    }

    @Test
    void nginxMountsTheShippedConfiguration() {
        for (Object volume : PROD.list("nginx", "volumes")) {
            String source = String.valueOf(volume).split(":")[0];
            if (!source.contains("certs")) {
                assertThat(RepoFiles.path("ops").resolve(source).normalize()).as("mounted %s", source).exists();
            }
        }
    }
}
