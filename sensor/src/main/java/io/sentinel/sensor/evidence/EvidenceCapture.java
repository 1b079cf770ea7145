package io.sentinel.sensor.evidence;

import io.sentinel.protocol.evidence.EvidenceLabel;

/**
 * One finished evidence file.
 *
 * @param label      what it belongs to (also inside the file)
 * @param pcapng     the file's bytes
 * @param frames     frames in it
 * @param framesLeftOut frames of its window left out by the size bound
 */
public record EvidenceCapture(EvidenceLabel label, byte[] pcapng, int frames, long framesLeftOut) {

    /** A file name that says what it is and cannot leave its directory. */
    public String fileName() {
        return (label.alertType() + "-" + label.evidenceId()).replaceAll("[^A-Za-z0-9._-]", "_") + ".pcapng";
    }
}
