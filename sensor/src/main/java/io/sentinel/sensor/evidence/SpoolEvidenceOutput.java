package io.sentinel.sensor.evidence;

import io.sentinel.sensor.spool.SpoolEntry;
import io.sentinel.sensor.spool.TelemetrySpool;
import java.io.IOException;

/**
 * Hands evidence files to a durable spool (the sensor's evidence spool, bounded by
 * {@link EvidenceOptions#maxDiskBytes()}): each file is one record whose batch id is the
 * evidence id, so a resend after an outage or restart is recognised by the controller.
 */
public final class SpoolEvidenceOutput implements EvidenceOutput {
    private final TelemetrySpool spool;

    public SpoolEvidenceOutput(TelemetrySpool spool) {
        this.spool = spool;
    }

    @Override
    public void write(EvidenceCapture capture) throws IOException {
        spool.append(SpoolEntry.KIND_EVIDENCE, capture.label().evidenceId(), capture.pcapng());
    }
}
