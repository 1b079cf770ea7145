package io.sentinel.sensor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sentinel.sensor.telemetry.MacPseudonymizer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SensorStateTest {

    @TempDir Path dir;

    static final String KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    @Test
    void pseudonymsStayTheSameAcrossRestartsBecauseThePrivacyKeyPersists() throws IOException {
        long client = 0x00AA_BB00_0007L;
        long first = new MacPseudonymizer(SensorState.open(dir.resolve("s")).privacyKey()).pseudonym(client);
        // a "restart": a fresh state object over the same directory
        long again = new MacPseudonymizer(SensorState.open(dir.resolve("s")).privacyKey()).pseudonym(client);
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s/privacy.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s")))).isEqualTo("rwx------");
        // another sensor (another key) gives other pseudonyms
        long other = new MacPseudonymizer(SensorState.open(dir.resolve("t")).privacyKey()).pseudonym(client);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void enrolmentStoresTheKeyOwnerOnlyAndTheRestWithoutIt() throws Exception {
        List<String> seen = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        server.createContext("/api/v1/sensors", ex -> {
            try (ex) {
                seen.add(ex.getRequestHeaders().getFirst("Authorization") + " " + new String(ex.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                boolean again = seen.size() > 1;
                byte[] b = (again ? "{\"error\":\"exists\"}" : "{\"sensor_id\":\"pi-1\",\"key\":\"" + KEY_HEX + "\",\"key_epoch\":1}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(again ? 409 : 201, b.length);
                ex.getResponseBody().write(b);
            }
        });
        server.start();
        try {
            URI controller = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            SensorState state = SensorState.open(dir.resolve("s"));
            var e = Enrolment.enroll(controller, "admin-token", "pi-1", "Lab Pi", null, state);
            assertThat(e).isEqualTo(new Enrolment.Enrolled("pi-1", 1));
            assertThat(seen.getFirst()).isEqualTo("Bearer admin-token {\"sensor_id\":\"pi-1\",\"name\":\"Lab Pi\"}");
            assertThat(state.sensorKey()).hasValueSatisfying(k -> assertThat(java.util.HexFormat.of().formatHex(k)).isEqualTo(KEY_HEX));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("s/sensor.key")))).isEqualTo("rw-------");
            assertThat(Files.readString(dir.resolve("s/sensor.properties"))).contains("sensor_id=pi-1").doesNotContain(KEY_HEX);
            assertThat(state.enrolment()).hasValueSatisfying(en -> {
                assertThat(en.controller()).isEqualTo(controller);
                assertThat(en.keyEpoch()).isEqualTo(1);
            });
            assertThatThrownBy(() -> Enrolment.enroll(controller, "admin-token", "pi-1", null, null, state))
                    .hasMessageContaining("already enrolled");
            assertThatThrownBy(() -> Enrolment.enroll(controller, "admin-token", "bad id!", null, null, state))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            server.stop(0);
        }
    }
}
