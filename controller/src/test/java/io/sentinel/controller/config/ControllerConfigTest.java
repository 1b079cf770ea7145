package io.sentinel.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production fail-fast rules and development defaults of the controller's configuration. */
class ControllerConfigTest {

    static final String GOOD_KEY_1 = "9f2c47d1a83be6054cd17f9a2e6b3c580d4a71fe29b6c3d8e05f1a7b2c9d4e61";
    static final String GOOD_KEY_2 = "3b8e1fa04c9d27e65a1f0c3d8b7e2a96f45c10d7e3b9a8f2c6d05e1b4a7f9c38";
    static final String GOOD_TOKEN = "snt_Qm4v8ZpX2rT7kLw9bN3cH6yJ1dF5sA0e";
    static final String GOOD_PASSWORD = "Tr0ub4dor&3-horse-Battery";

    static Map<String, String> goodProd() {
        Map<String, String> env = new HashMap<>();
        env.put("SENTINEL_ENV", "prod");
        env.put("CONTROLLER_SECRET_KEY", GOOD_KEY_1);
        env.put("CONTROLLER_HMAC_SECRET", GOOD_KEY_2);
        env.put("API_AUTH_TOKEN", GOOD_TOKEN);
        env.put("DASH_PASSWORD", GOOD_PASSWORD);
        env.put("DATABASE_URL", "postgresql://sentinel:pw@postgres:5432/sentinel");
        env.put("REDIS_URL", "redis://:pw@redis:6379/0");
        return env;
    }

    static List<String> problems(Map<String, String> env) {
        try {
            ControllerConfig.load(env);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void goodProductionConfigurationLoads() {
        ControllerConfig c = ControllerConfig.load(goodProd());
        assertThat(c.prod()).isTrue();
        assertThat(c.hmacSecret()).isEqualTo(HexFormat.of().parseHex(GOOD_KEY_2));
        assertThat(c.port()).isEqualTo(5000);
        assertThat(c.telemetryRetentionDays()).isEqualTo(30);
        assertThat(c.toString()).doesNotContain(GOOD_TOKEN, GOOD_PASSWORD, GOOD_KEY_1, GOOD_KEY_2, "pw@");
    }

    @Test
    void everyMissingProductionVariableIsNamedOnItsOwnLine() {
        Map<String, String> env = Map.of("SENTINEL_ENV", "prod");
        List<String> p = problems(env);
        assertThat(p).hasSize(6);
        for (String name : List.of("CONTROLLER_SECRET_KEY", "CONTROLLER_HMAC_SECRET", "API_AUTH_TOKEN", "DASH_PASSWORD",
                "DATABASE_URL", "REDIS_URL")) {
            assertThat(p).anySatisfy(line -> assertThat(line).startsWith(name + " "));
        }
    }

    @Test
    void weakSecretsAreRefusedWithoutShowingThem() {
        Map<String, String> cases = new HashMap<>();
        cases.put("CONTROLLER_SECRET_KEY", "abc123");                               // short
        cases.put("CONTROLLER_HMAC_SECRET", "0".repeat(64));                         // all zero
        cases.put("API_AUTH_TOKEN", "changeme-please-changeme-please-xyz");          // placeholder
        cases.put("DASH_PASSWORD", "aaaaaaaaaaaaaaaaaaaa");                           // repeated
        Map<String, String> env = goodProd();
        env.putAll(cases);
        List<String> p = problems(env);
        assertThat(p).hasSize(4);
        for (var e : cases.entrySet()) {
            assertThat(p).anySatisfy(line -> assertThat(line).startsWith(e.getKey() + " "));
            assertThat(String.join("\n", p)).doesNotContain(e.getValue());
        }
    }

    @Test
    void lowEntropyAndPatternedKeysAreRefused() {
        for (String weak : List.of(
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", // repeated pattern
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", // counting bytes
                "ababababababababababababababababababababababababababababababab12", // few distinct characters
                "1111111111111111111111111111111122222222222222222222222222222222",
                "9226e5c608798cc1d6db3f349289cbe446bdd42a4acc275f0409cbf4c938722c")) { // protocol.md test vector 2
            Map<String, String> env = goodProd();
            env.put("CONTROLLER_HMAC_SECRET", weak);
            assertThat(problems(env)).as(weak).singleElement().satisfies(l -> assertThat(l).startsWith("CONTROLLER_HMAC_SECRET "));
        }
        Map<String, String> env = goodProd();
        env.put("API_AUTH_TOKEN", "aabbccddeeaabbccddeeaabbccddeeaabbccdd");
        assertThat(problems(env)).singleElement().satisfies(l -> assertThat(l).contains("API_AUTH_TOKEN"));
        env = goodProd();
        env.put("CONTROLLER_SECRET_KEY", "zz" + GOOD_KEY_1.substring(2));
        assertThat(problems(env)).singleElement().satisfies(l -> assertThat(l).contains("hex"));
    }

    @Test
    void badUrlsProxiesAndNumbersAreNamed() {
        Map<String, String> env = goodProd();
        env.put("DATABASE_URL", "mysql://db/x");
        env.put("REDIS_URL", "http://redis");
        env.put("TRUSTED_PROXY_CIDRS", "10.0.0.0/8, example.com");
        env.put("CONTROLLER_PORT", "70000");
        env.put("TELEMETRY_RETENTION_DAYS", "thirty");
        List<String> p = problems(env);
        assertThat(p).hasSize(5);
        assertThat(p).anySatisfy(l -> assertThat(l).startsWith("TRUSTED_PROXY_CIDRS").contains("example.com"));
    }

    @Test
    void developmentGeneratesSecretsOnceAndKeepsThemOwnerOnly(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("SENTINEL_DATA_DIR", dir.toString());
        ControllerConfig first = ControllerConfig.load(env);
        ControllerConfig second = ControllerConfig.load(env);
        assertThat(first.prod()).isFalse();
        assertThat(first.hmacSecret()).hasSize(32).isEqualTo(second.hmacSecret());
        assertThat(first.apiAuthToken()).startsWith("snt_").isEqualTo(second.apiAuthToken());
        assertThat(first.dashPassword()).isEqualTo(second.dashPassword());
        assertThat(first.databaseUrl()).isEmpty();
        assertThat(first.redisUrl()).isEmpty();
        Path file = dir.resolve("secrets.properties");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        // generated values are strong enough for the production rules too
        Map<String, String> asProd = goodProd();
        asProd.put("CONTROLLER_HMAC_SECRET", HexFormat.of().formatHex(first.hmacSecret()));
        asProd.put("API_AUTH_TOKEN", first.apiAuthToken());
        asProd.put("DASH_PASSWORD", first.dashPassword());
        assertThat(problems(asProd)).isEmpty();
    }

    @Test
    void developmentStillRefusesMalformedKeys(@TempDir Path dir) {
        assertThatThrownBy(() -> ControllerConfig.load(Map.of("SENTINEL_DATA_DIR", dir.toString(),
                "CONTROLLER_HMAC_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CONTROLLER_HMAC_SECRET");
    }
}
