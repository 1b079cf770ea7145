package io.sentinel.store.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One stored evidence file's metadata.
 *
 * @param id          the row id (what download URLs name)
 * @param sensorId    the sensor that captured and uploaded it
 * @param evidenceId  the sensor's idempotent id of the file
 * @param reportId    the sensor's id of the alert it belongs to
 * @param alertId     the stored alert it is linked to, once that alert has arrived
 * @param objectKey   where the file lies in object storage (server-derived)
 * @param sha256      lower-case hex SHA-256 of the file's bytes
 * @param preview     the first frames (number, time, length, one-line decode)
 * @param stored      false while the upload is between row and object
 */
public record EvidenceRecord(long id, String sensorId, String evidenceId, String reportId, Optional<String> alertId, String alertType,
        int seq, String objectKey, long sizeBytes, String sha256, int frames, Optional<Instant> firstFrame,
        Optional<Instant> lastFrame, Optional<Instant> triggerAt, String captureInterface, List<PreviewFrame> preview,
        boolean stored, Instant receivedAt) {

    /** One frame of the preview, as the sensor's decoder described it. */
    public record PreviewFrame(int n, Instant at, int length, String summary) {}
}
