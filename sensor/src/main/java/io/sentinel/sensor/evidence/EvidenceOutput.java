package io.sentinel.sensor.evidence;

import java.io.IOException;

/** Where finished evidence files go: the evidence spool (to the controller) or a directory. */
@FunctionalInterface
public interface EvidenceOutput {
    void write(EvidenceCapture capture) throws IOException;
}
