package io.sentinel.sensor.outbox;

import io.sentinel.detect.Alert;
import io.sentinel.sensor.evidence.EvidenceCapture;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The tests' outbox: keeps everything the pipeline sends. */
public final class RecordingOutbox implements Outbox {
    public final List<Alert> alerts = new CopyOnWriteArrayList<>();
    public final List<TelemetryInterval> intervals = new CopyOnWriteArrayList<>();
    public final List<EvidenceCapture> evidence = new CopyOnWriteArrayList<>();

    @Override
    public void alerts(List<Alert> batch) { alerts.addAll(batch); }

    @Override
    public void telemetry(TelemetryInterval interval) { intervals.add(interval); }

    @Override
    public void evidence(EvidenceCapture capture) { evidence.add(capture); }

    @Override
    public boolean takesEvidence() { return true; }
}
