package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void answersRoundTripAsTypedRecords() {
        ControllerAnswer accepted = new ControllerAnswer.Accepted("1700000000000-0");
        assertThat(Wire.writeString(accepted)).isEqualTo("{\"status\":\"accepted\",\"ack_id\":\"1700000000000-0\"}");
        assertThat(Wire.readAnswer(202, Wire.write(accepted))).isEqualTo(accepted);
        assertThat(Wire.writeString(new ControllerAnswer.Duplicate())).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(Wire.readAnswer(200, b("{\"status\":\"duplicate\"}"))).isInstanceOf(ControllerAnswer.Duplicate.class);
        ControllerAnswer hb = new ControllerAnswer.HeartbeatAnswer(Instant.parse("2026-01-01T00:00:00.25Z"), -40L);
        assertThat(Wire.writeString(hb)).isEqualTo("{\"status\":\"ok\",\"server_time\":1767225600.25,\"clock_offset_ms\":-40}");
        assertThat(Wire.readAnswer(200, Wire.write(hb))).isEqualTo(hb);
        ControllerAnswer refusal = new ControllerAnswer.Refusal("invalid_field", "items[0].ssid: wrong type", "items[0].ssid");
        assertThat(Wire.readAnswer(400, Wire.write(refusal))).isEqualTo(refusal);
    }

    @Test
    void answersTolerateKeysANewerControllerAdds() {
        assertThat(Wire.readAnswer(202, b("{\"status\":\"accepted\",\"ack_id\":\"x\",\"queue_depth\":3}")))
                .isEqualTo(new ControllerAnswer.Accepted("x"));
    }

    @Test
    void unreadableAnswersAreNamed() {
        assertThat(Wire.readAnswer(502, b("<html>Bad Gateway</html>")))
                .isEqualTo(new ControllerAnswer.Refusal("http_502", "<html>Bad Gateway</html>", null));
        assertThatThrownBy(() -> Wire.readAnswer(200, b("{\"state\":\"fine\"}"))).isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> Wire.readAnswer(202, b("{\"status\":\"accepted\"}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("ack_id");
    }
}
