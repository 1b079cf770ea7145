package io.sentinel.sensor.telemetry;

import io.sentinel.protocol.wire.Ranges;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.wifi.Frame;
import io.sentinel.wifi.FrameType;
import io.sentinel.wifi.MacAddress;
import io.sentinel.wifi.Subtype;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Folds frames into one observation per device per interval of capture time (default 10 s),
 * so that the controller learns the inventory without per-frame traffic.
 *
 * <p>A frame is credited to its transmitter. Beacons and probe responses, and frames sent by
 * the BSSID itself, make the transmitter an {@code ap}; other management and data frames with
 * a unicast transmitter make it a {@code client} of the frame's BSSID (none for probe
 * requests). Control frames only add to devices already seen in the interval (most carry no
 * transmitter). For each device: frame counts by subtype, RSSI min/avg/max, last channel and
 * frequency, SSID (its bytes, UTF-8 or not) and security (APs; a client's directed probe SSID),
 * first and last seen. A hidden SSID (empty or all NUL bytes) is not reported as a name.
 *
 * <p>Bounded: at most {@code maxDevices} devices per interval; frames of further devices are
 * counted in {@link TelemetryInterval#overflowFrames()}. Device slots are reused between
 * intervals and the hot path ({@link #observe}) allocates only when it meets a new SSID.
 *
 * <p>Privacy ({@link PrivacyOptions}) is applied when an interval is emitted, after detection
 * has already seen the real values. Not thread-safe: call from the pipeline thread.
 */
public final class TelemetryAggregator {

    private static final Subtype[] SUBTYPES = Subtype.values();

    private final long intervalNanos;
    private final int maxDevices;
    private PrivacyOptions privacy;
    private final MacPseudonymizer pseudonymizer;
    private final Consumer<TelemetryInterval> sink;

    // open addressing: keys[i] == EMPTY marks a free slot
    private static final long EMPTY = Long.MIN_VALUE;
    private final long[] keys;
    private final int[] slotOf;
    private final int mask;
    private final Device[] devices;
    private int size;

    private long intervalStart = Long.MIN_VALUE;
    private long frames;
    private long overflowFrames;
    private long totalOverflowFrames;
    private long intervalsEmitted;

    private static final class Device {
        long mac;
        boolean ap;
        long bssid;
        byte[] ssid;
        int ssidHash;
        String security;
        int channel;
        int freq;
        int rssiMin;
        int rssiMax;
        long rssiSum;
        int rssiCount;
        long first;
        long last;
        final int[] counts = new int[SUBTYPES.length];

        void reset(long mac, long ts) {
            this.mac = mac;
            ap = false;
            bssid = MacAddress.NONE;
            ssid = null;
            ssidHash = 0;
            security = null;
            channel = -1;
            freq = -1;
            rssiMin = Integer.MAX_VALUE;
            rssiMax = Integer.MIN_VALUE;
            rssiSum = 0;
            rssiCount = 0;
            first = ts;
            last = ts;
            Arrays.fill(counts, 0);
        }
    }

    /**
     * @param intervalNanos  interval length in capture time
     * @param maxDevices     cap on devices per interval
     * @param privacy        what the emitted items may reveal
     * @param pseudonymizer  required when {@code privacy.pseudonymizeClients()}
     * @param sink           receives each finished interval (on the caller's thread)
     */
    public TelemetryAggregator(long intervalNanos, int maxDevices, PrivacyOptions privacy, MacPseudonymizer pseudonymizer,
            Consumer<TelemetryInterval> sink) {
        if (intervalNanos <= 0) throw new IllegalArgumentException("interval must be positive");
        if (maxDevices < 1) throw new IllegalArgumentException("maxDevices must be positive");
        requireKey(privacy, pseudonymizer);
        this.intervalNanos = intervalNanos;
        this.maxDevices = maxDevices;
        this.privacy = privacy;
        this.pseudonymizer = pseudonymizer;
        this.sink = sink;
        int cap = Integer.highestOneBit(Math.max(4, maxDevices * 2 - 1)) << 1;
        keys = new long[cap];
        slotOf = new int[cap];
        mask = cap - 1;
        Arrays.fill(keys, EMPTY);
        devices = new Device[maxDevices];
    }

    /** Adds one decoded frame; emits the previous interval first when the frame's time is past it. */
    public void observe(Frame f) {
        long ts = f.timestampNanos();
        advanceTo(ts);
        if (!f.hasDot11()) return;
        frames++;
        FrameType type = f.type();
        Subtype sub = f.subtype();
        long tx = f.transmitter();
        if (tx == MacAddress.NONE || MacAddress.isGroup(tx)) return;
        long bssid = f.bssid();
        boolean ap;
        switch (type) {
            case MGMT -> ap = sub == Subtype.BEACON || sub == Subtype.PROBE_RESP || tx == bssid;
            case DATA -> {
                if (f.toDs() && f.fromDs()) return; // WDS/mesh relays: no clear AP/client roles
                ap = f.fromDs() || tx == bssid;
            }
            case CTRL -> {
                Device d = find(tx);
                if (d != null) count(d, f, sub, ts);
                return;
            }
            default -> {
                return;
            }
        }
        Device d = findOrAdd(tx, ts);
        if (d == null) {
            overflowFrames++;
            return;
        }
        if (ap) d.ap = true;
        if (bssid != MacAddress.NONE && !MacAddress.isGroup(bssid)) d.bssid = bssid;
        count(d, f, sub, ts);
        if (sub == Subtype.BEACON || sub == Subtype.PROBE_RESP) {
            var sec = f.security();
            if (sec.known() && sec.label() != null) d.security = sec.label();
            takeSsid(d, f);
        } else if (sub == Subtype.PROBE_REQ && !d.ap) {
            takeSsid(d, f);
        }
    }

    private static void takeSsid(Device d, Frame f) {
        var el = f.elements();
        if (!el.hasSsid() || el.ssidHidden()) return;
        int h = el.ssidHash();
        if (d.ssid != null && h == d.ssidHash && el.ssidEquals(d.ssid)) return;
        d.ssid = el.ssidBytes();
        d.ssidHash = h;
    }

    private void count(Device d, Frame f, Subtype sub, long ts) {
        d.counts[sub.ordinal()]++;
        if (ts < d.first) d.first = ts;
        if (ts > d.last) d.last = ts;
        int freq = f.freqMhz();
        if (freq > 0) d.freq = freq;
        int ch = f.channel();
        if (ch > 0) d.channel = ch;
        var radio = f.radio();
        // a signal outside what radios report is a corrupt header, not a measurement
        if (radio.hasSignal() && radio.signalDbm() >= Ranges.MIN_RSSI && radio.signalDbm() <= Ranges.MAX_RSSI) {
            int s = radio.signalDbm();
            if (s < d.rssiMin) d.rssiMin = s;
            if (s > d.rssiMax) d.rssiMax = s;
            d.rssiSum += s;
            d.rssiCount++;
        }
    }

    /**
     * Moves the aggregation clock to {@code nowNanos} (capture time): emits the current interval
     * if it ended. Live capture calls this when no frame arrives for a while.
     */
    public void advanceTo(long nowNanos) {
        if (intervalStart == Long.MIN_VALUE) {
            intervalStart = Math.floorDiv(nowNanos, intervalNanos) * intervalNanos;
            return;
        }
        if (nowNanos >= intervalStart + intervalNanos) {
            emit();
            intervalStart = Math.floorDiv(nowNanos, intervalNanos) * intervalNanos;
        }
    }

    /** Emits the current interval now (end of a capture, shutdown). */
    public void flush() {
        if (intervalStart != Long.MIN_VALUE && (size > 0 || overflowFrames > 0)) emit();
    }

    private void emit() {
        List<TelemetryItem> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) items.add(item(devices[i]));
        TelemetryInterval interval = new TelemetryInterval(instant(intervalStart), instant(intervalStart + intervalNanos),
                List.copyOf(items), frames, overflowFrames);
        totalOverflowFrames += overflowFrames;
        intervalsEmitted++;
        Arrays.fill(keys, EMPTY);
        size = 0;
        frames = 0;
        overflowFrames = 0;
        if (!items.isEmpty() || interval.overflowFrames() > 0) sink.accept(interval);
    }

    private static void requireKey(PrivacyOptions privacy, MacPseudonymizer pseudonymizer) {
        if (privacy.pseudonymizeClients() && pseudonymizer == null) throw new IllegalArgumentException("pseudonymisation needs a key");
    }

    /** Other privacy options, from the next interval emitted on (the caller's thread, as {@link #observe}). */
    public void privacy(PrivacyOptions next) {
        requireKey(next, pseudonymizer);
        this.privacy = next;
    }

    public PrivacyOptions privacy() { return privacy; }

    private TelemetryItem item(Device d) {
        long mac = d.mac;
        if (!d.ap && privacy.pseudonymizeClients()) mac = pseudonymizer.pseudonym(mac);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < d.counts.length; i++) if (d.counts[i] > 0) counts.put(SUBTYPES[i].json(), (long) d.counts[i]);
        Optional<Ssid> ssid = privacy.hideSsids() || (!d.ap && privacy.hideProbedSsids()) || d.ssid == null || d.ssid.length == 0 || d.ssid.length > Ssid.MAX_BYTES
                ? Optional.empty() : Optional.of(Ssid.of(d.ssid));
        long bssid = d.ap ? d.mac : d.bssid;
        return TelemetryItem.of(d.ap ? TelemetryItem.KIND_AP : TelemetryItem.KIND_CLIENT, MacAddress.format(mac),
                MacAddress.format(bssid), ssid,
                d.channel > 0 ? d.channel : null, d.freq > 0 ? d.freq : null, d.ap ? d.security : null,
                d.rssiCount > 0 ? d.rssiMin : null,
                d.rssiCount > 0 ? Math.round(10.0 * d.rssiSum / d.rssiCount) / 10.0 : null,
                d.rssiCount > 0 ? d.rssiMax : null,
                instant(d.first), instant(d.last), counts,
                // the IEEE registry name of the real address; none for a pseudonymized client (it would narrow the pseudonym)
                d.ap || !privacy.pseudonymizeClients() ? io.sentinel.wifi.Vendors.name(d.mac) : null);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static int hash(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        return (int) k;
    }

    private Device find(long mac) {
        int i = hash(mac) & mask;
        while (true) {
            long k = keys[i];
            if (k == EMPTY) return null;
            if (k == mac) return devices[slotOf[i]];
            i = (i + 1) & mask;
        }
    }

    private Device findOrAdd(long mac, long ts) {
        int i = hash(mac) & mask;
        while (true) {
            long k = keys[i];
            if (k == mac) return devices[slotOf[i]];
            if (k == EMPTY) break;
            i = (i + 1) & mask;
        }
        if (size == maxDevices) return null;
        keys[i] = mac;
        slotOf[i] = size;
        Device d = devices[size];
        if (d == null) d = devices[size] = new Device();
        d.reset(mac, ts);
        size++;
        return d;
    }

    /** Devices in the current interval. */
    public int currentDevices() { return size; }

    /** Frames of untracked devices over all emitted intervals. */
    public long totalOverflowFrames() { return totalOverflowFrames + overflowFrames; }

    public long intervalsEmitted() { return intervalsEmitted; }
}
