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
 * Turns findings into incidents: merges the findings of one type that its {@link AlertPolicy}
 * groups together (e.g. every client and channel of one flood against one AP) into one growing
 * alert until the type's hold time passes without evidence, lists the targets, sources, channels
 * and bursts it merged in the evidence, limits new incidents per type (rate and burst), gives each
 * alert a stable id, throttles updates to the sink, and bounds the number of open alerts.
 */
final class AlertTracker implements Findings {

    private static final int MAX_REASONS = 16;
    /** Entities listed per incident at most (the count beyond is given). */
    static final int MAX_LISTED = 32;
    /** Evidence more than this long after the incident's last evidence starts a new burst of it. */
    static final long BURST_GAP_NANOS = 5_000_000_000L;

    private final AlertSink sink;
    private long quietGap;
    private long updateInterval;
    private int maxOpen;
    /** Access-ordered: the eldest entry is the alert that grew least recently. */
    private final LinkedHashMap<String, OpenAlert> open = new LinkedHashMap<>(64, 0.75f, true);
    private Map<String, AlertPolicy> policies;
    private final Map<String, Bucket> buckets = new java.util.HashMap<>();
    private long opened, closed, rateLimited;

    /** New-incident budget of one type: {@code burst} tokens, refilled at {@code ratePerMinute}. */
    private static final class Bucket {
        double tokens;
        long refilled = Long.MIN_VALUE;
        OpenAlert latest;
    }

    AlertTracker(AlertSink sink, long quietGapNanos, long updateIntervalNanos, int maxOpen) {
        this(sink, quietGapNanos, updateIntervalNanos, maxOpen, Map.of());
    }

    AlertTracker(AlertSink sink, long quietGapNanos, long updateIntervalNanos, int maxOpen, Map<String, AlertPolicy> policies) {
        this.sink = sink;
        this.quietGap = quietGapNanos;
        this.updateInterval = updateIntervalNanos;
        this.maxOpen = Math.max(1, maxOpen);
        this.policies = Map.copyOf(policies);
    }

    /**
     * New engine settings and policies, from the next finding on. Open incidents stay open with the
     * hold they opened with; the incident budgets keep their tokens (capped at the new burst when
     * next used); when the bound on open alerts falls, the alerts that grew least recently close.
     */
    void reconfigure(long quietGapNanos, long updateIntervalNanos, int maxOpen, Map<String, AlertPolicy> policies) {
        this.quietGap = quietGapNanos;
        this.updateInterval = updateIntervalNanos;
        this.maxOpen = Math.max(1, maxOpen);
        this.policies = Map.copyOf(policies);
        while (open.size() > this.maxOpen) {
            Iterator<Map.Entry<String, OpenAlert>> it = open.entrySet().iterator();
            OpenAlert eldest = it.next().getValue();
            it.remove();
            emitClosed(eldest);
        }
    }

    /** Closes the open alerts of these types now (their detector was switched off). */
    void closeTypes(java.util.Set<String> types) {
        if (types.isEmpty()) return;
        List<OpenAlert> toClose = new ArrayList<>();
        for (Iterator<OpenAlert> it = open.values().iterator(); it.hasNext(); ) {
            OpenAlert a = it.next();
            if (types.contains(a.type)) {
                it.remove();
                toClose.add(a);
            }
        }
        for (OpenAlert a : toClose) emitClosed(a);
    }

    AlertPolicy policy(String type) {
        AlertPolicy p = policies.get(type);
        return p != null ? p : AlertPolicy.of(type);
    }

    private static final class OpenAlert {
        final String id, type, key;
        final long firstSeen, hold;
        long lastSeen, count, lastEmitted;
        final java.util.LinkedHashSet<Long> targets = new java.util.LinkedHashSet<>(), sources = new java.util.LinkedHashSet<>(),
                bssids = new java.util.LinkedHashSet<>();
        final java.util.TreeSet<Integer> channels = new java.util.TreeSet<>();
        final List<Long> burstStarts = new ArrayList<>(4);
        long moreEntities, rateLimitedFindings;
        Severity severity;
        double confidence;
        long bssid, source, target;
        String ssid, summary;
        int channel;
        final List<String> reasons = new ArrayList<>(4);
        List<String> mitre;
        final Map<String, Object> evidence = new LinkedHashMap<>();
        boolean dirty;

        OpenAlert(String id, String key, long hold, Finding f) {
            this.id = id;
            this.key = key;
            this.hold = hold;
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
            this.burstStarts.add(f.firstNanos);
            note(f);
        }

        private void note(Finding f) {
            add(targets, f.target);
            add(sources, f.source);
            add(bssids, f.bssid);
            if (f.channel > 0 && (channels.size() < MAX_LISTED || channels.contains(f.channel))) channels.add(f.channel);
        }

        private void add(java.util.Set<Long> set, long mac) {
            if (mac == MacAddress.NONE || set.contains(mac)) return;
            if (set.size() < MAX_LISTED) set.add(mac); else moreEntities++;
        }

        void grew(long at) {
            if (at - lastSeen > BURST_GAP_NANOS && burstStarts.size() < 1000) burstStarts.add(at);
        }

        void merge(Finding f) {
            grew(f.firstNanos);
            note(f);
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
            Map<String, Object> ev = evidence;
            if (targets.size() > 1 || sources.size() > 1 || bssids.size() > 1 || channels.size() > 1 || burstStarts.size() > 1
                    || rateLimitedFindings > 0) {
                ev = new LinkedHashMap<>(evidence);
                if (bssids.size() > 1) ev.put("bssids", macs(bssids));
                if (sources.size() > 1) ev.put("sources", macs(sources));
                if (targets.size() > 1) ev.put("targets", macs(targets));
                if (moreEntities > 0) ev.put("entities_not_listed", moreEntities);
                if (channels.size() > 1) ev.put("channels", List.copyOf(channels));
                if (burstStarts.size() > 1) {
                    ev.put("bursts", burstStarts.size());
                    List<Double> starts = new ArrayList<>();
                    for (int i = 0; i < Math.min(16, burstStarts.size()); i++) starts.add(burstStarts.get(i) / 1e9);
                    ev.put("burst_starts", starts);
                }
                if (rateLimitedFindings > 0) ev.put("rate_limited_findings", rateLimitedFindings);
            }
            return new Alert(id, type, severity, confidence, firstSeen, lastSeen, count, MacAddress.format(bssid), ssid,
                    MacAddress.format(source), MacAddress.format(target), channel, reasons, mitre, ev, summary);
        }

        private static List<String> macs(java.util.Set<Long> set) {
            List<String> l = new ArrayList<>(set.size());
            for (long m : set) l.add(MacAddress.format(m));
            return l;
        }
    }

    /** The incident this finding belongs to, by its type's grouping. */
    static String incidentKey(Finding f, AlertPolicy p) {
        String t = f.type + "|";
        return switch (p.group()) {
            case FINDING -> f.alertKey();
            case TYPE -> t + "*";
            case BSSID -> f.bssid != MacAddress.NONE ? t + "b:" + MacAddress.format(f.bssid)
                    : f.source != MacAddress.NONE ? t + "s:" + MacAddress.format(f.source)
                    : f.ssid != null ? t + "n:" + f.ssid : f.alertKey();
            case SOURCE -> f.source != MacAddress.NONE ? t + "s:" + MacAddress.format(f.source)
                    : f.bssid != MacAddress.NONE ? t + "b:" + MacAddress.format(f.bssid) : f.alertKey();
            case SSID -> f.ssid != null ? t + "n:" + f.ssid
                    : f.bssid != MacAddress.NONE ? t + "b:" + MacAddress.format(f.bssid) : f.alertKey();
        };
    }

    private long hold(AlertPolicy p) {
        return p.holdSeconds() > 0 ? Math.round(p.holdSeconds() * 1e9) : quietGap;
    }

    @Override
    public String report(Finding f) {
        AlertPolicy p = policy(f.type);
        String key = incidentKey(f, p);
        OpenAlert a = open.get(key);
        if (a != null && f.lastNanos - a.lastSeen > a.hold) {
            close(key, a);
            a = null;
        }
        if (a == null) {
            Bucket b = buckets.computeIfAbsent(f.type, t -> new Bucket());
            if (!take(b, p, f.lastNanos)) {
                OpenAlert host = b.latest;
                if (host != null && open.get(host.key) == host && f.lastNanos - host.lastSeen <= host.hold) {
                    // over the type's incident budget: this finding joins the type's latest incident
                    rateLimited++;
                    host.rateLimitedFindings++;
                    host.merge(f);
                    maybeUpdate(host);
                    return host.key;
                }
            }
            a = new OpenAlert(stableId(key, f.firstNanos), key, hold(p), f);
            b.latest = a;
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

    /** Takes one new-incident token of the type; false when its burst is spent (burst 0: no limit). */
    private static boolean take(Bucket b, AlertPolicy p, long now) {
        if (p.burst() == 0) return true;
        if (b.refilled == Long.MIN_VALUE) {
            b.tokens = p.burst();
        } else if (now > b.refilled) {
            b.tokens = Math.min(p.burst(), b.tokens + (now - b.refilled) / 60e9 * p.ratePerMinute());
        }
        b.refilled = Math.max(now, b.refilled);
        if (b.tokens < 1) return false;
        b.tokens -= 1;
        return true;
    }

    @Override
    public boolean extend(String key, long now, long frames) {
        OpenAlert a = open.get(key);
        if (a == null || now - a.lastSeen > a.hold) return false;
        a.grew(now);
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
            if (now - a.lastSeen > a.hold) {
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

    long rateLimitedCount() { return rateLimited; }

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
