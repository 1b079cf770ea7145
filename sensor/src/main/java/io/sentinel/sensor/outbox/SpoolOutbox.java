package io.sentinel.sensor.outbox;

import io.sentinel.detect.Alert;
import io.sentinel.sensor.alert.WireAlerts;
import io.sentinel.sensor.evidence.EvidenceCapture;
import io.sentinel.sensor.evidence.SpoolEvidenceOutput;
import io.sentinel.sensor.pipeline.SensorCounters;
import io.sentinel.sensor.spool.BatchWriter;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** A sensor with a controller: alerts and telemetry into the spool as wire batches, evidence into the evidence spool. */
public final class SpoolOutbox implements Outbox {
    private final BatchWriter writer;
    private final Optional<SpoolEvidenceOutput> evidence;
    private final SensorCounters counters;

    public SpoolOutbox(BatchWriter writer, Optional<SpoolEvidenceOutput> evidence, SensorCounters counters) {
        this.writer = writer;
        this.evidence = evidence;
        this.counters = counters;
    }

    @Override
    public void alerts(List<Alert> alerts) throws IOException {
        writer.appendAlerts(alerts.stream().map(WireAlerts::of).toList());
    }

    @Override
    public void telemetry(TelemetryInterval interval) throws IOException {
        counters.telemetryBatches.addAndGet(writer.appendTelemetry(interval.items()));
    }

    @Override
    public void evidence(EvidenceCapture capture) throws IOException {
        if (evidence.isPresent()) evidence.get().write(capture);
    }

    @Override
    public boolean takesEvidence() { return evidence.isPresent(); }
}
