package io.sentinel.worker;

import io.sentinel.protocol.wire.TelemetryItem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spares the database network upserts that would change nothing but a time or an RSSI by less
 * than {@code maxStaleness}: an AP item is written when its (BSSID, sensor) is new to this worker,
 * when its SSID, security or channel differ from what this worker last wrote, when its first
 * sighting is earlier, or when its last sighting is at least {@code maxStaleness} newer. So the
 * {@code networks} view lags the telemetry by at most that much, while telemetry itself is
 * complete. Remembers at most {@code capacity} entries (least recently used forgotten).
 */
final class NetworkWriteFilter {
    /** What was written for one (BSSID, sensor); the SSID as the item gave it (text or hex: compared as given). */
    private record Written(String ssid, String ssidHex, String security, Integer channel, Instant firstSeen,
                           Instant lastSeen) {}

    private final Duration maxStaleness;
    private final LinkedHashMap<String, Written> written;

    NetworkWriteFilter(Duration maxStaleness, int capacity) {
        this.maxStaleness = maxStaleness;
        this.written = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The items worth writing, per sensor; call {@link #committed} with the result after commit. */
    Map<String, List<TelemetryItem>> select(Map<String, List<TelemetryItem>> bySensor) {
        Map<String, List<TelemetryItem>> out = new HashMap<>();
        for (Map.Entry<String, List<TelemetryItem>> e : bySensor.entrySet()) {
            List<TelemetryItem> keep = new ArrayList<>();
            for (TelemetryItem it : e.getValue()) {
                if (!TelemetryItem.KIND_AP.equals(it.kind())) {
                    continue;
                }
                Written w = written.get(it.effectiveBssid() + "|" + e.getKey());
                // the same SSID given once as text and once as hex counts as a change: one write too many, never one too few
                if (w == null || !Objects.equals(w.ssid(), it.ssid()) || !Objects.equals(w.ssidHex(), it.ssidHex())
                        || !Objects.equals(w.security(), it.security())
                        || !Objects.equals(w.channel(), it.channel()) || it.firstSeen().isBefore(w.firstSeen())
                        || !it.lastSeen().isBefore(w.lastSeen().plus(maxStaleness))) {
                    keep.add(it);
                }
            }
            if (!keep.isEmpty()) {
                out.put(e.getKey(), keep);
            }
        }
        return out;
    }

    /** Records what a committed transaction wrote. */
    void committed(Map<String, List<TelemetryItem>> written) {
        for (Map.Entry<String, List<TelemetryItem>> e : written.entrySet()) {
            for (TelemetryItem it : e.getValue()) {
                String key = it.effectiveBssid() + "|" + e.getKey();
                Written prev = this.written.get(key);
                if (prev == null || !it.lastSeen().isBefore(prev.lastSeen())) {
                    Instant first = prev == null || it.firstSeen().isBefore(prev.firstSeen()) ? it.firstSeen()
                            : prev.firstSeen();
                    this.written.put(key, new Written(it.ssid(), it.ssidHex(), it.security(), it.channel(), first,
                            it.lastSeen()));
                }
            }
        }
    }
}
