package io.sentinel.controller.dashboard.alerts;

import io.sentinel.controller.dashboard.view.UntrustedText;
import io.sentinel.store.evidence.EvidenceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One evidence file as the alert page lists it: size, frames, time span, where to download it and
 * the first frames as the sensor decoded them (attacker-chosen text such as SSIDs as
 * {@link UntrustedText}, so that invisible characters show as escapes).
 */
public record EvidenceFileView(long id, String sensorId, String size, int frames, Optional<Instant> first, Optional<Instant> last,
        String span, String sha256, String downloadPath, List<Frame> preview) {

    /** One frame of the preview. */
    public record Frame(int n, Instant at, int length, UntrustedText summary) {}

    public static EvidenceFileView of(EvidenceRecord r, String alertPath) {
        String span = r.firstFrame().isPresent() && r.lastFrame().isPresent()
                ? String.format(Locale.ROOT, "%.1f s", Duration.between(r.firstFrame().get(), r.lastFrame().get()).toMillis() / 1000.0)
                : "—";
        return new EvidenceFileView(r.id(), r.sensorId(), size(r.sizeBytes()), r.frames(), r.firstFrame(), r.lastFrame(), span,
                r.sha256(), alertPath + "/evidence/" + r.id(),
                r.preview().stream().map(p -> new Frame(p.n(), p.at(), p.length(), UntrustedText.of(p.summary()))).toList());
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
