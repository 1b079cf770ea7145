package io.sentinel.app.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code sentinel controller} in a real process: a bad production configuration exits 78 before listening. */
class ControllerCommandExitTest {

    static final String WEAK_TOKEN = "changeme-changeme-changeme-changeme";
    static final String SHORT_KEY = "abc123";

    @Test
    void prodWithBadSecretsExits78NamingEachVariableButNoValue() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.sentinel.app.Sentinel", "controller");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CONTROLLER_") || k.startsWith("DASH_") || k.equals("API_AUTH_TOKEN")
                || k.equals("DATABASE_URL") || k.equals("REDIS_URL") || k.startsWith("SENTINEL_"));
        env.put("SENTINEL_ENV", "prod");
        env.put("CONTROLLER_SECRET_KEY", SHORT_KEY);
        env.put("CONTROLLER_HMAC_SECRET", "0".repeat(64));
        env.put("API_AUTH_TOKEN", WEAK_TOKEN);
        env.put("CONTROLLER_PORT", "1");
        pb.redirectErrorStream(false);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(stderr).isEqualTo(78);
        List<String> lines = stderr.lines().filter(l -> l.startsWith("sentinel controller: ")).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("CONTROLLER_SECRET_KEY"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("CONTROLLER_HMAC_SECRET"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("API_AUTH_TOKEN"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("DASH_PASSWORD"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("DATABASE_URL"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("REDIS_URL"));
        assertThat(stderr).doesNotContain(WEAK_TOKEN).doesNotContain(SHORT_KEY).doesNotContain("0".repeat(64));
    }
}
