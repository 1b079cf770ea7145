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

    /** Receives alert batches. */
    @FunctionalInterface
    interface AlertSink {
        void alerts(List<Alert> alerts) throws IOException;
    }

    /** Receives finished telemetry intervals. */
    @FunctionalInterface
    interface TelemetrySink {
        void telemetry(TelemetryInterval interval) throws IOException;
    }

    /** Alerts and telemetry to two sinks, no evidence (benchmarks, tests). */
    static Outbox of(AlertSink alerts, TelemetrySink telemetry) {
        return new Outbox() {
            @Override
            public void alerts(List<Alert> batch) throws IOException { alerts.alerts(batch); }

            @Override
            public void telemetry(TelemetryInterval interval) throws IOException { telemetry.telemetry(interval); }

            @Override
            public void evidence(EvidenceCapture capture) { }

            @Override
            public boolean takesEvidence() { return false; }
        };
    }
}
