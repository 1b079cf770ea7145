package io.sentinel.app.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class JsonLineWriterTest {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final JsonLineWriter w = new JsonLineWriter(bytes);

    String text() throws Exception {
        w.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static MemorySegment seg(String hex) {
        return MemorySegment.ofArray(HexFormat.of().parseHex(hex));
    }

    @Test
    void numbersMacsAndNestedObjects() throws Exception {
        w.beginObject().key("a").value(0).key("b").value(-42).key("c").value(Long.MIN_VALUE)
                .key("d").unsignedValue(-1L).key("e").unsignedValue(12345L)
                .key("mac").mac(0x0011_22aa_bbccL).key("o").beginObject().key("x").value(true).endObject()
                .key("z").value(false).endObject();
        w.endLine();
        assertThat(text()).isEqualTo("{\"a\":0,\"b\":-42,\"c\":-9223372036854775808,\"d\":18446744073709551615,"
                + "\"e\":12345,\"mac\":\"00:11:22:aa:bb:cc\",\"o\":{\"x\":true},\"z\":false}\n");
    }

    @Test
    void everyNumberOfDigitsIsWrittenExactly() throws Exception {
        StringBuilder expected = new StringBuilder();
        long[] samples = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE, Long.MAX_VALUE - 1};
        for (long v : samples) {
            w.value(v).value(-v);
            expected.append(v).append(-v);
        }
        for (long p = 1; p > 0 && p < Long.MAX_VALUE / 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, 2 * p, 9 * p}) {
                w.value(v);
                expected.append(v);
            }
        }
        assertThat(text()).isEqualTo(expected.toString());
    }

    @Test
    void timestampsKeepTheirPrecision() throws Exception {
        w.timestamp(1_700_000_000_123_456_789L, 6).nullValue();
        w.timestamp(1_700_000_000_123_456_789L, 9).nullValue();
        w.timestamp(1_700_000_000_000_000_007L, 9).nullValue();
        w.timestamp(5L, 6).nullValue();
        w.timestamp(-500_000_000L, 6).nullValue();
        assertThat(text()).isEqualTo("1700000000.123456null1700000000.123456789null1700000000.000000007null"
                + "0.000000null-0.500000null");
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscaped() throws Exception {
        MemorySegment s = seg("22" + "5c" + "0a" + "09" + "01" + "1f" + "7f" + "41" + "00");
        assertThat(JsonLineWriter.validUtf8(s, 0, 9)).isTrue();
        assertThat(w.utf8String(s, 0, 9)).isTrue();
        String json = text();
        assertThat(json).isEqualTo("\"\\\"\\\\\\n\\t\\u0001\\u001f\\u007fA\\u0000\"");
        assertThat(new ObjectMapper().readValue(json, String.class)).isEqualTo("\"\\\n\t\u0001\u001f\u007fA\u0000");
    }

    @Test
    void validMultiByteUtf8IsCopiedAsIs() throws Exception {
        byte[] cafe = "Café ☕ 𝄞".getBytes(StandardCharsets.UTF_8);
        assertThat(w.utf8String(MemorySegment.ofArray(cafe), 0, cafe.length)).isTrue();
        assertThat(text()).isEqualTo("\"Café ☕ 𝄞\"");
    }

    @Test
    void invalidUtf8IsRefusedAndLeavesNothingBehind() throws Exception {
        String[] invalid = {
            "ff", "c0af", "c1bf", // bytes never used, overlong two-byte forms
            "e080af", "eda080", // overlong three-byte form, a surrogate
            "f08f8080", "f4908080", "f5808080", // overlong four-byte form, above U+10FFFF
            "c3", "e282", "41e2", // truncated sequences
            "c341" // a lead byte followed by ASCII
        };
        w.beginObject();
        for (String hex : invalid) {
            MemorySegment s = seg(hex);
            int len = (int) s.byteSize();
            assertThat(JsonLineWriter.validUtf8(s, 0, len)).as(hex).isFalse();
            assertThat(w.utf8String(s, 0, len)).as(hex).isFalse();
        }
        w.endObject();
        assertThat(text()).isEqualTo("{}");
    }

    @Test
    void hexStringsAndConstants() throws Exception {
        w.hexString(seg("01ff7a"), 0, 3).constant("wpa2/wpa3-sae").constantWithNumber("unsupported link type ", 1)
                .constant("say \"hi\"");
        assertThat(text()).isEqualTo("\"01ff7a\"\"wpa2/wpa3-sae\"\"unsupported link type 1\"\"say \\\"hi\\\"\"");
    }

    @Test
    void largeOutputIsFlushedInBlocksAndStaysIntact() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            w.beginObject().key("n").value(i).endObject();
            w.endLine();
        }
        String[] lines = text().split("\n");
        assertThat(lines).hasSize(20_000);
        assertThat(lines[19_999]).isEqualTo("{\"n\":19999}");
    }
}
