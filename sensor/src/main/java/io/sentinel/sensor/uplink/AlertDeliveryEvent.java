package io.sentinel.sensor.uplink;

import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A debug trace of the alert path (JFR, off unless a recording enables it; the time-to-alert
 * bench does): one event per alert batch the uplink delivered, with when it was spooled, when the
 * POST left and when it was answered (wall clock, epoch microseconds), and the BSSIDs it carried.
 */
@Name("io.sentinel.sensor.AlertDelivery")
@Label("Alert batch delivered")
@Category({"Sentinel", "Sensor"})
@Description("An alert batch sent by the sensor's uplink: spooled, sent and answered times")
@Enabled(false)
@StackTrace(false)
public final class AlertDeliveryEvent extends Event {
    public static final String NAME = "io.sentinel.sensor.AlertDelivery";

    @Label("Batch id") public String batchId;
    @Label("Spooled (epoch ms)") public long spooledMillis;
    @Label("POST sent (epoch us)") public long sentMicros;
    @Label("Answered (epoch us)") public long answeredMicros;
    @Label("HTTP status") public int status;
    @Label("Alert BSSIDs, comma separated") public String bssids;

    static long nowMicros() {
        Instant i = Instant.now();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    /** The BSSIDs of a spooled alert batch body (gzip JSON); only read when the event is on. */
    static String bssids(byte[] gzipBody) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipBody))) {
            return Wire.readAlertBatch(in.readAllBytes()).alerts().stream().map(AlertMessage::bssid)
                    .map(String::valueOf).collect(Collectors.joining(","));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
