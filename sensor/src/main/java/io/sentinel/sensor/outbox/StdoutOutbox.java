package io.sentinel.sensor.outbox;

import io.sentinel.detect.Alert;
import io.sentinel.sensor.alert.WireAlerts;
import io.sentinel.sensor.evidence.DirectoryEvidenceOutput;
import io.sentinel.sensor.evidence.EvidenceCapture;
import io.sentinel.sensor.telemetry.TelemetryInterval;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** A sensor without a controller: alerts as JSON Lines, telemetry counted only, evidence into a directory when one is given. */
public final class StdoutOutbox implements Outbox {
    private final PrintStream out;
    private final Optional<DirectoryEvidenceOutput> evidence;

    public StdoutOutbox(PrintStream out, Optional<DirectoryEvidenceOutput> evidence) {
        this.out = out;
        this.evidence = evidence;
    }

    @Override
    public void alerts(List<Alert> alerts) {
        for (Alert a : alerts) out.println(WireAlerts.jsonLine(a));
        out.flush();
    }

    @Override
    public void telemetry(TelemetryInterval interval) { }

    @Override
    public void evidence(EvidenceCapture capture) throws IOException {
        if (evidence.isPresent()) evidence.get().write(capture);
    }

    @Override
    public boolean takesEvidence() { return evidence.isPresent(); }
}
