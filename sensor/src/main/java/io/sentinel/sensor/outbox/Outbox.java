package io.sentinel.sensor.outbox;

import io.sentinel.detect.Alert;
import io.sentinel.sensor.evidence.EvidenceCapture;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import java.io.IOException;
import java.util.List;

/**
 * Where the sensor pipeline's results go, passed in when the pipeline is built: the durable
 * spools of a sensor with a controller ({@link SpoolOutbox}), stdout and a directory without one
 * ({@link StdoutOutbox}), or a test's sink. The pipeline calls it on the capture thread and never
 * asks it anything back.
 */
public interface Outbox {

    /** A batch of alert snapshots (opened, updated, closed). */
    void alerts(List<Alert> alerts) throws IOException;

    /** A finished telemetry interval. */
    void telemetry(TelemetryInterval interval) throws IOException;

    /** A finished evidence file. */
    void evidence(EvidenceCapture capture) throws IOException;

    /** Whether {@link #evidence} keeps anything (the pipeline keeps no pre-trigger ring otherwise). */
    boolean takesEvidence();
}
