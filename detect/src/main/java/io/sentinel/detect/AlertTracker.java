package io.sentinel.detect;

import io.sentinel.wifi.MacAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns findings into alerts: merges repeats into one growing alert until a quiet gap, gives each
 * alert a stable id, throttles updates to the sink, and bounds the number of open alerts.
 */
final class AlertTracker implements Findings {

    private static final int MAX_REASONS = 16;

    private final AlertSink sink;
    private final long quietGap;
    private final long updateInterval;
    private final int maxOpen;
    /** Access-ordered: the eldest entry is the alert that grew least recently. */
    private final LinkedHashMap<String, OpenAlert> open = new LinkedHashMap<>(64, 0.75f, true);
    private long opened, closed;

    AlertTracker(AlertSink sink, long quietGapNanos, long updateIntervalNanos, int maxOpen) {
        this.sink = sink;
        this.quietGap = quietGapNanos;
        this.updateInterval = updateIntervalNanos;
        this.maxOpen = Math.max(1, maxOpen);
    }

    private static final class OpenAlert {
        final String id, type;
        final long firstSeen;
        long lastSeen, count, lastEmitted;
        Severity severity;
        double confidence;
        long bssid, source, target;
        String ssid, summary;
        int channel;
        final List<String> reasons = new ArrayList<>(4);
        List<String> mitre;
        final Map<String, Object> evidence = new LinkedHashMap<>();
        boolean dirty;

        OpenAlert(String id, Finding f) {
            this.id = id;
            this.type = f.type;
            this.firstSeen = f.firstNanos;
            this.lastSeen = f.lastNanos;
            this.count = f.frames;
            this.severity = f.severity;
            this.confidence = f.confidence;
            this.bssid = f.bssid;
            this.source = f.source;
            this.target = f.target;
            this.ssid = f.ssid;
            this.channel = f.channel;
            this.reasons.addAll(f.reasons);
            this.mitre = f.mitre;
            this.evidence.putAll(f.evidence);
            this.summary = f.summary;
        }

        void merge(Finding f) {
            lastSeen = Math.max(lastSeen, f.lastNanos);
            count += f.frames;
            severity = severity.max(f.severity);
            confidence = Math.max(confidence, f.confidence);
            if (bssid == MacAddress.NONE) bssid = f.bssid;
            if (source == MacAddress.NONE) source = f.source;
            if (target == MacAddress.NONE) target = f.target;
            if (ssid == null) ssid = f.ssid;
            if (channel <= 0) channel = f.channel;
            for (String r : f.reasons) if (reasons.size() < MAX_REASONS && !reasons.contains(r)) reasons.add(r);
            if (mitre.isEmpty()) mitre = f.mitre;
            evidence.putAll(f.evidence);
            if (!f.summary.isEmpty()) summary = f.summary;
            dirty = true;
        }

        Alert snapshot() {
            return new Alert(id, type, severity, confidence, firstSeen, lastSeen, count, MacAddress.format(bssid), ssid,
                    MacAddress.format(source), MacAddress.format(target), channel, reasons, mitre, evidence, summary);
        }
    }

    @Override
    public String report(Finding f) {
        String key = f.alertKey();
        OpenAlert a = open.get(key);
        if (a != null && f.lastNanos - a.lastSeen > quietGap) {
            close(key, a);
            a = null;
        }
        if (a == null) {
            a = new OpenAlert(stableId(key, f.firstNanos), f);
            open.put(key, a);
            opened++;
            a.lastEmitted = f.lastNanos;
            sink.accept(a.snapshot(), AlertSink.Phase.OPENED);
            if (open.size() > maxOpen) {
                Iterator<Map.Entry<String, OpenAlert>> it = open.entrySet().iterator();
                Map.Entry<String, OpenAlert> eldest = it.next();
                it.remove();
                emitClosed(eldest.getValue());
            }
            return key;
        }
        a.merge(f);
        maybeUpdate(a);
        return key;
    }

    @Override
    public boolean extend(String key, long now, long frames) {
        OpenAlert a = open.get(key);
        if (a == null || now - a.lastSeen > quietGap) return false;
        a.lastSeen = Math.max(a.lastSeen, now);
        a.count += frames;
        a.dirty = true;
        maybeUpdate(a);
        return true;
    }

    private void maybeUpdate(OpenAlert a) {
        if (a.lastSeen - a.lastEmitted >= updateInterval) {
            a.lastEmitted = a.lastSeen;
            a.dirty = false;
            sink.accept(a.snapshot(), AlertSink.Phase.UPDATED);
        }
    }

    /** Closes the alerts that have been quiet for longer than the gap. */
    void closeQuiet(long now) {
        Iterator<Map.Entry<String, OpenAlert>> it = open.entrySet().iterator();
        List<OpenAlert> toClose = null;
        while (it.hasNext()) {
            OpenAlert a = it.next().getValue();
            if (now - a.lastSeen > quietGap) {
                it.remove();
                if (toClose == null) toClose = new ArrayList<>();
                toClose.add(a);
            }
        }
        if (toClose != null) for (OpenAlert a : toClose) emitClosed(a);
    }

    void closeAll() {
        List<OpenAlert> all = new ArrayList<>(open.values());
        open.clear();
        for (OpenAlert a : all) emitClosed(a);
    }

    private void close(String key, OpenAlert a) {
        open.remove(key);
        emitClosed(a);
    }

    private void emitClosed(OpenAlert a) {
        closed++;
        sink.accept(a.snapshot(), AlertSink.Phase.CLOSED);
    }

    int openCount() { return open.size(); }

    long openedCount() { return opened; }

    long closedCount() { return closed; }

    /** Same type, entities and first evidence time give the same id, on every run and machine. */
    static String stableId(String alertKey, long firstSeenNanos) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(alertKey.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '@');
            md.update(Long.toString(firstSeenNanos).getBytes(StandardCharsets.US_ASCII));
            byte[] d = md.digest();
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
