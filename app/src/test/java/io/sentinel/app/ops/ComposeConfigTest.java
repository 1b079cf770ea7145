package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's docker-compose validates both files (no engine needed for `config`). */
class ComposeConfigTest {

    private static Path scratch;

    @BeforeAll
    static void requireDockerCompose() {
        assumeTrue(Processes.onPath("docker-compose"), "docker-compose is not installed");
        scratch = RepoFiles.scratch("compose");
    }

    @Test
    void prodValidatesWithAFilledEnvFile() throws Exception {
        Path env = scratch.resolve("filled.env");
        Files.writeString(env, EnvExampleTest.generateEnv());
        Processes.Result r = config("ops/docker-compose.prod.yml", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("sentinel-prod-postgres").contains("internal: true")
                .contains("service_completed_successfully");
    }

    @Test
    void prodRefusesToStartWhileTheExampleIsUnfilled() {
        Processes.Result r = config("ops/docker-compose.prod.yml", RepoFiles.path("ops/.env.prod.example"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).containsPattern("set [A-Z_]+ in ops/.env");
    }

    @Test
    void devValidatesWithoutAnyEnvFile() throws Exception {
        Path env = scratch.resolve("empty.env");
        Files.writeString(env, "");
        Processes.Result r = config("ops/docker-compose.dev.yml", env);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("5432").contains("6379").contains("5000");
    }

    private static Processes.Result config(String file, Path envFile) {
        return Processes.run(List.of("docker-compose", "--no-ansi", "-f", RepoFiles.path(file).toString(),
                "--env-file", envFile.toString(), "config"), RepoFiles.path("ops"), Map.of(), 60);
    }
}
