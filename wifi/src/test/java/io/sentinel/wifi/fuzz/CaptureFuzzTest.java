package io.sentinel.wifi.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameDecoder;
import io.sentinel.wifi.capture.CaptureFormatException;
import io.sentinel.wifi.capture.CaptureReader;

/**
 * Coverage-guided fuzz targets (Jazzer) over the capture reader and the frame decoder.
 * Under plain {@code mvn test} they replay the seed corpus in
 * {@code src/test/resources/io/sentinel/wifi/fuzz/CaptureFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} Jazzer mutates for {@code maxDuration}. Any exception other than the
 * documented refusal fails, as does a record loop that does not end.
 */
class CaptureFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void captureFileNeverThrowsAndAlwaysEnds(byte[] input) {
        CaptureReader reader;
        try {
            reader = CaptureReader.of(input);
        } catch (CaptureFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        try (reader) {
            FrameDecoder decoder = new FrameDecoder();
            long records = 0;
            while (reader.next()) {
                Frame f = decoder.decode(reader.record());
                assertThat(f.capturedLength()).isBetween(0, input.length);
                if (f.hasDot11()) {
                    assertThat(f.dot11Length()).isBetween(0, f.capturedLength());
                    f.ssid();
                    f.security().label();
                    f.eapolKey().present();
                }
                records++;
                // each record consumes at least a 12-byte block: more records than that means a loop
                assertThat(records).isLessThanOrEqualTo(input.length / 12 + 1);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void radiotapAndDot11DecodingNeverThrow(byte[] frameBytes) {
        byte[] capture = Seeds.radiotapPcap(frameBytes);
        try (CaptureReader reader = CaptureReader.of(capture)) {
            FrameDecoder decoder = new FrameDecoder();
            while (reader.next()) {
                Frame f = decoder.decode(reader.record());
                if (f.isMalformed()) {
                    assertThat(f.malformed()).isNotBlank().doesNotContain("decoder fault");
                }
            }
        } catch (CaptureFormatException e) {
            throw new AssertionError("a pcap we wrote ourselves was refused", e);
        }
    }
}
