package io.sentinel.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sentinel.controller.config.ConfigException;
import io.sentinel.controller.config.ControllerConfig;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** ops/.env.prod.example is complete and passes nothing; ops/generate-env.sh fills it with values the controller accepts. */
class EnvExampleTest {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    private final Map<String, String> example = EnvFiles.parse(RepoFiles.read("ops/.env.prod.example"));

    @Test
    void everyValueIsEmptyAndCommented() {
        assertThat(example).isNotEmpty();
        example.forEach((k, v) -> assertThat(v).as("value of %s must be empty", k).isEmpty());
        String text = RepoFiles.read("ops/.env.prod.example");
        for (String key : example.keySet()) {
            int at = text.indexOf("\n" + key + "=");
            String before = text.substring(0, at).stripTrailing();
            String previousLine = before.substring(before.lastIndexOf('\n') + 1);
            boolean grouped = previousLine.matches("[A-Z][A-Z0-9_]*=") ; // e.g. MINIO_ROOT_USER then _PASSWORD
            assertThat(previousLine.startsWith("#") || grouped).as("%s has a comment above it", key).isTrue();
        }
    }

    @Test
    void listsEveryArchitectureVariableAndTheDataServices() {
        assertThat(example.keySet()).containsAll(EnvFiles.architectureVariables());
        assertThat(example.keySet()).contains("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "REDIS_PASSWORD",
                "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_BUCKET");
    }

    @Test
    void everyVariableTheProdComposeFileReadsIsInTheExample() {
        Set<String> referenced = new LinkedHashSet<>();
        String yaml = RepoFiles.read("ops/docker-compose.prod.yml").lines()
                .filter(l -> !l.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        Matcher m = REFERENCE.matcher(yaml);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        assertThat(example.keySet()).containsAll(referenced);
    }

    @Test
    void theExampleAsIsDoesNotPassTheControllersProductionChecks() {
        Map<String, String> env = new HashMap<>(example);
        env.put("SENTINEL_ENV", "prod");
        assertThatThrownBy(() -> ControllerConfig.load(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CONTROLLER_SECRET_KEY")
                .hasMessageContaining("CONTROLLER_HMAC_SECRET")
                .hasMessageContaining("API_AUTH_TOKEN")
                .hasMessageContaining("DASH_PASSWORD")
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("REDIS_URL");
    }

    @Test
    void generatedEnvFillsEveryKeyConsistentlyAndPassesTheProductionChecks() throws Exception {
        Map<String, String> generated = EnvFiles.parse(generateEnv());
        assertThat(generated.keySet()).containsExactlyElementsOf(example.keySet());
        generated.forEach((k, v) -> assertThat(v).as(k).isNotBlank());
        for (String key : new String[] {"CONTROLLER_SECRET_KEY", "CONTROLLER_HMAC_SECRET", "POSTGRES_PASSWORD", "REDIS_PASSWORD"}) {
            assertThat(generated.get(key)).as(key).matches("[0-9a-f]{64}");
        }
        assertThat(generated.get("DATABASE_URL")).isEqualTo("postgresql://" + generated.get("POSTGRES_USER") + ":"
                + generated.get("POSTGRES_PASSWORD") + "@postgres:5432/" + generated.get("POSTGRES_DB"));
        assertThat(generated.get("REDIS_URL")).isEqualTo("redis://:" + generated.get("REDIS_PASSWORD") + "@redis:6379/0");
        assertThat(generated.get("TRUSTED_PROXY_CIDRS")).isEqualTo("172.30.0.10/32");
        assertThat(RepoFiles.read("ops/docker-compose.prod.yml")).contains("ipv4_address: 172.30.0.10");

        ControllerConfig config = ControllerConfig.load(generated);
        assertThat(config.prod()).isTrue();

        // two runs never share a secret
        Map<String, String> again = EnvFiles.parse(generateEnv());
        assertThat(again.get("CONTROLLER_SECRET_KEY")).isNotEqualTo(generated.get("CONTROLLER_SECRET_KEY"));
    }

    static String generateEnv() throws Exception {
        Process p = new ProcessBuilder("bash", RepoFiles.path("ops/generate-env.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }
}
