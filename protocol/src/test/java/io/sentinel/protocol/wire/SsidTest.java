package io.sentinel.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsidTest {
    private static Ssid hex(String h) {
        return Ssid.ofHex(h);
    }

    @Test
    void displayFormShowsEveryInvisibleByteAndIsUnambiguous() {
        assertThat(Ssid.ofText("Cafe").display()).isEqualTo("Cafe");
        assertThat(hex("000000").display()).isEqualTo("\\u0000\\u0000\\u0000");
        assertThat(Ssid.ofText("a\tb\u007f").display()).isEqualTo("a\\u0009b\\u007F");
        assertThat(hex("ff41fe").display()).as("bytes that are not UTF-8").isEqualTo("\\xFFA\\xFE");
        assertThat(hex("c3").display()).as("a truncated sequence").isEqualTo("\\xC3");
        assertThat(Ssid.ofText("\u202eevil").display()).as("bidi override").isEqualTo("\\u202Eevil");
        assertThat(Ssid.ofText("zero\u200bwidth\u0085").display()).isEqualTo("zero\\u200Bwidth\\u0085");
        assertThat(Ssid.ofText("caf\u00e9 \ud83d\ude00").display()).isEqualTo("caf\u00e9 \ud83d\ude00");
        assertThat(Ssid.ofText("a\\x00").display()).as("a literal backslash is doubled")
                .isEqualTo("a\\\\x00").isNotEqualTo(hex("6100").display()).isNotEqualTo(hex("6180").display());
    }

    @Test
    void textIsPresentOnlyForUtf8AndHexAlways() {
        assertThat(hex("00").text()).contains("\0");
        assertThat(hex("ff").text()).isEmpty();
        assertThat(Ssid.ofText("Cafe").hex()).isEqualTo("43616665");
        assertThat(Ssid.ofText("x")).isEqualTo(hex("78")).hasSameHashCodeAs(hex("78"));
    }

    @Test
    void wireItemCarriesBytesAsTextOrHex() {
        TelemetryItem text = TelemetryItem.of("ap", "00:11:22:33:44:55", null, Optional.of(hex("610062")), null, null,
                null, null, null, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH, Map.of(), null);
        assertThat(text.ssid()).isEqualTo("a\0b");
        assertThat(text.ssidHex()).isNull();
        assertThat(Wire.writeString(text)).contains("\"ssid\":\"a\\u0000b\"").doesNotContain("ssid_hex");
        TelemetryItem bytes = TelemetryItem.of("ap", "00:11:22:33:44:55", null, Optional.of(hex("ff00")), null, null,
                null, null, null, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH, Map.of(), null);
        assertThat(bytes.ssid()).isNull();
        assertThat(Wire.writeString(bytes)).contains("\"ssid_hex\":\"ff00\"").doesNotContain("\"ssid\"");
        TelemetryBatch back = Wire.readTelemetryBatch(Wire.write(new TelemetryBatch("b", "s", java.util.List.of(text, bytes))));
        assertThat(back.items().get(0).ssidValue()).contains(hex("610062"));
        assertThat(back.items().get(1).ssidValue()).contains(hex("ff00"));
    }

    @Test
    void ssidAndHexMustAgreeWhenBothAreGiven() {
        String both = "{\"batch_id\":\"b\",\"sensor_id\":\"s\",\"items\":[{\"kind\":\"ap\",\"mac\":\"00:11:22:33:44:55\","
                + "\"ssid\":\"A\",\"ssid_hex\":\"%s\",\"first_seen\":1,\"last_seen\":1}]}";
        assertThat(Wire.readTelemetryBatch(both.formatted("41").getBytes(StandardCharsets.UTF_8)).items().get(0).ssidValue())
                .contains(hex("41"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wire.readTelemetryBatch(
                both.formatted("42").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("items[0].ssid_hex");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wire.readTelemetryBatch(
                both.formatted("4").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("items[0].ssid_hex");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Wire.readTelemetryBatch(
                both.formatted("41".repeat(256)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("items[0].ssid_hex");
        assertThat(HexFormat.of().formatHex(hex("00FF").bytes())).isEqualTo("00ff");
    }

    @Test
    void visibleTextEscapesControlsButKeepsBackslashes() {
        assertThat(WireText.visible("plain C:\\x")).isEqualTo("plain C:\\x");
        assertThat(WireText.visible("a\0b\u202e")).isEqualTo("a\\u0000b\\u202E");
        assertThat(WireText.visible("lone \ud800")).isEqualTo("lone \\uD800");
    }
}
