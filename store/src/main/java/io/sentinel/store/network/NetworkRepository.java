package io.sentinel.store.network;

import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.store.Cursor;
import io.sentinel.store.Keyset;
import io.sentinel.store.Database;
import io.sentinel.store.Page;
import io.sentinel.store.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Latest state per BSSID, upserted from AP telemetry: SSID (its bytes in {@code ssid_bytes}, its
 * display form in {@code ssid}), security, channel and vendor follow the most recent observation; first seen only moves back, last seen only forward. Each
 * sensor's RSSI is kept per (BSSID, sensor).
 */
public final class NetworkRepository {
    /** The columns {@link #mapNetwork} reads; rows older than migration V5 without ssid_bytes had valid UTF-8 text. */
    static final String NETWORK_COLUMNS = "bssid::text AS bssid, ssid, coalesce(ssid_bytes, convert_to(ssid, 'UTF8')) "
            + "AS ssid_bytes, security, channel, freq_mhz, vendor, first_seen, last_seen, hidden";

    private final Database db;

    public NetworkRepository(Database db) {
        this.db = db;
    }

    /**
     * Upserts the AP items of one sensor on the caller's connection.
     *
     * @return number of BSSIDs touched
     */
    public int upsertFromTelemetry(Connection c, String sensorId, List<TelemetryItem> items) throws SQLException {
        return upsertFromTelemetry(c, Map.of(sensorId, items));
    }

    /**
     * Upserts the AP items of several sensors on the caller's connection with two statements
     * whose rows are sorted by BSSID (then sensor), so that concurrent workers always lock rows
     * in the same order and cannot deadlock.
     *
     * @return number of BSSIDs touched
     */
    public int upsertFromTelemetry(Connection c, Map<String, List<TelemetryItem>> itemsBySensor) throws SQLException {
        TreeMap<String, TelemetryItem> latest = new TreeMap<>();
        Map<String, Instant> earliest = new LinkedHashMap<>();
        // (bssid, sensor) -> that sensor's latest item
        TreeMap<String, TelemetryItem> perSensor = new TreeMap<>();
        // what the newest interval with beacons but no probe responses says of the beacons' SSID
        Map<String, Boolean> hiddenSsid = new LinkedHashMap<>();
        Map<String, Instant> hiddenSsidAt = new LinkedHashMap<>();
        for (Map.Entry<String, List<TelemetryItem>> e : itemsBySensor.entrySet()) {
            for (TelemetryItem it : e.getValue()) {
                if (!TelemetryItem.KIND_AP.equals(it.kind())) {
                    continue;
                }
                String bssid = it.effectiveBssid();
                if (it.frames().getOrDefault("beacon", 0L) > 0 && it.frames().getOrDefault("probe_resp", 0L) == 0
                        && !it.lastSeen().isBefore(hiddenSsidAt.getOrDefault(bssid, Instant.MIN))) {
                    hiddenSsid.put(bssid, it.ssidValue().isEmpty());
                    hiddenSsidAt.put(bssid, it.lastSeen());
                }
                TelemetryItem prev = latest.get(bssid);
                if (prev == null || it.lastSeen().isAfter(prev.lastSeen())) {
                    latest.put(bssid, it);
                }
                earliest.merge(bssid, it.firstSeen(), (a, b) -> a.isBefore(b) ? a : b);
                perSensor.merge(bssid + "|" + e.getKey(), it, (a, b) -> b.lastSeen().isAfter(a.lastSeen()) ? b : a);
            }
        }
        if (latest.isEmpty()) {
            return 0;
        }
        int n = latest.size();
        String[] bssid = new String[n];
        String[] ssid = new String[n];
        byte[][] ssidBytes = new byte[n][];
        String[] security = new String[n];
        Integer[] channel = new Integer[n];
        Integer[] freq = new Integer[n];
        String[] vendor = new String[n];
        Timestamp[] first = new Timestamp[n];
        Timestamp[] last = new Timestamp[n];
        Boolean[] hidden = new Boolean[n];
        int i = 0;
        for (Map.Entry<String, TelemetryItem> e : latest.entrySet()) {
            TelemetryItem it = e.getValue();
            bssid[i] = e.getKey();
            Optional<Ssid> named = it.ssidValue();
            ssid[i] = named.map(Ssid::display).orElse(null);
            ssidBytes[i] = named.map(Ssid::bytes).orElse(null);
            security[i] = it.security();
            channel[i] = it.channel();
            freq[i] = it.freqMhz();
            vendor[i] = it.vendor();
            first[i] = Timestamp.from(earliest.get(e.getKey()));
            last[i] = Timestamp.from(it.lastSeen());
            hidden[i] = hiddenSsid.get(e.getKey());
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO networks AS n (bssid, ssid, security, channel, freq_mhz, vendor, first_seen, last_seen, hidden,
                                           ssid_bytes)
                SELECT b::macaddr, s, sec, ch, f, v, fs, ls, h, sb
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[], ?::timestamptz[],
                              ?::timestamptz[], ?::boolean[], ?::bytea[]) AS u(b, s, sec, ch, f, v, fs, ls, h, sb)
                 ORDER BY 1
                ON CONFLICT (bssid) DO UPDATE SET
                    ssid       = CASE WHEN EXCLUDED.last_seen >= n.last_seen AND EXCLUDED.ssid_bytes IS NOT NULL
                                      THEN EXCLUDED.ssid ELSE n.ssid END,
                    ssid_bytes = CASE WHEN EXCLUDED.last_seen >= n.last_seen AND EXCLUDED.ssid_bytes IS NOT NULL
                                      THEN EXCLUDED.ssid_bytes ELSE n.ssid_bytes END,
                    security   = CASE WHEN EXCLUDED.last_seen >= n.last_seen THEN coalesce(EXCLUDED.security, n.security) ELSE n.security END,
                    channel    = CASE WHEN EXCLUDED.last_seen >= n.last_seen THEN coalesce(EXCLUDED.channel, n.channel) ELSE n.channel END,
                    freq_mhz   = CASE WHEN EXCLUDED.last_seen >= n.last_seen THEN coalesce(EXCLUDED.freq_mhz, n.freq_mhz) ELSE n.freq_mhz END,
                    vendor     = coalesce(EXCLUDED.vendor, n.vendor),
                    first_seen = least(n.first_seen, EXCLUDED.first_seen),
                    last_seen  = greatest(n.last_seen, EXCLUDED.last_seen),
                    hidden     = CASE WHEN EXCLUDED.hidden IS NOT NULL AND EXCLUDED.last_seen >= n.last_seen
                                      THEN EXCLUDED.hidden ELSE n.hidden END,
                    updated_at = now()
                """)) {
            ps.setArray(1, c.createArrayOf("text", bssid));
            ps.setArray(2, c.createArrayOf("text", ssid));
            ps.setArray(3, c.createArrayOf("text", security));
            ps.setArray(4, c.createArrayOf("int4", channel));
            ps.setArray(5, c.createArrayOf("int4", freq));
            ps.setArray(6, c.createArrayOf("text", vendor));
            ps.setArray(7, c.createArrayOf("timestamptz", first));
            ps.setArray(8, c.createArrayOf("timestamptz", last));
            ps.setArray(9, c.createArrayOf("boolean", hidden));
            ps.setArray(10, c.createArrayOf("bytea", ssidBytes));
            ps.executeUpdate();
        }
        int m = perSensor.size();
        String[] sb = new String[m];
        String[] sensor = new String[m];
        Integer[] rmin = new Integer[m];
        Float[] ravg = new Float[m];
        Integer[] rmax = new Integer[m];
        Timestamp[] slast = new Timestamp[m];
        int j = 0;
        for (Map.Entry<String, TelemetryItem> e : perSensor.entrySet()) {
            int sep = e.getKey().indexOf('|');
            TelemetryItem it = e.getValue();
            sb[j] = e.getKey().substring(0, sep);
            sensor[j] = e.getKey().substring(sep + 1);
            rmin[j] = it.rssiMin();
            ravg[j] = it.rssiAvg() == null ? null : it.rssiAvg().floatValue();
            rmax[j] = it.rssiMax();
            slast[j] = Timestamp.from(it.lastSeen());
            j++;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO network_sensors AS ns (bssid, sensor_id, rssi_min, rssi_avg, rssi_max, last_seen)
                SELECT b::macaddr, s, mn, av, mx, ls
                  FROM unnest(?::text[], ?::text[], ?::int[], ?::real[], ?::int[], ?::timestamptz[])
                       AS u(b, s, mn, av, mx, ls)
                 ORDER BY 1, 2
                ON CONFLICT (bssid, sensor_id) DO UPDATE SET
                    rssi_min  = CASE WHEN EXCLUDED.last_seen >= ns.last_seen THEN EXCLUDED.rssi_min ELSE ns.rssi_min END,
                    rssi_avg  = CASE WHEN EXCLUDED.last_seen >= ns.last_seen THEN EXCLUDED.rssi_avg ELSE ns.rssi_avg END,
                    rssi_max  = CASE WHEN EXCLUDED.last_seen >= ns.last_seen THEN EXCLUDED.rssi_max ELSE ns.rssi_max END,
                    last_seen = greatest(ns.last_seen, EXCLUDED.last_seen)
                """)) {
            ps.setArray(1, c.createArrayOf("text", sb));
            ps.setArray(2, c.createArrayOf("text", sensor));
            ps.setArray(3, c.createArrayOf("int4", rmin));
            ps.setArray(4, c.createArrayOf("float4", ravg));
            ps.setArray(5, c.createArrayOf("int4", rmax));
            ps.setArray(6, c.createArrayOf("timestamptz", slast));
            ps.executeUpdate();
        }
        return n;
    }

    /** A page of networks, most recently seen first. Default 100, at most 1000. */
    public Page<Network> query(NetworkQuery q) throws SQLException {
        Keyset keyset = Keyset.newestFirst("last_seen", "bssid", "::macaddr")
                .filter(q.ssid(), "ssid = ?")
                .filter(q.security(), "security = ?")
                .filter(q.since(), "last_seen >= ?")
                .after(q.cursor(), key -> key);
        try (Connection c = db.connection()) {
            Page<Network> page = keyset.page(c, "SELECT " + NETWORK_COLUMNS + " FROM networks",
                    Sql.limit(q.limit(), 100, 1000), rs -> mapNetwork(rs, List.of()), n -> new Cursor(n.lastSeen(), n.bssid()));
            return new Page<>(withSensors(c, page.items()), page.nextCursor());
        }
    }

    /** One network by BSSID. */
    public Optional<Network> find(String bssid) throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT " + NETWORK_COLUMNS
                        + " FROM networks WHERE bssid = ?::macaddr")) {
            ps.setString(1, bssid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(withSensors(c, List.of(mapNetwork(rs, List.of()))).get(0));
            }
        }
    }

    /** The networks with what each sensor last heard of them (one query for all). */
    static List<Network> withSensors(Connection c, List<Network> nets) throws SQLException {
        if (nets.isEmpty()) {
            return nets;
        }
        Map<String, List<Network.SensorSignal>> bySsid = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bssid::text AS bssid, sensor_id, rssi_min, rssi_avg, "
                + "rssi_max, last_seen FROM network_sensors WHERE bssid = ANY (?::macaddr[]) ORDER BY sensor_id")) {
            ps.setArray(1, c.createArrayOf("text", nets.stream().map(Network::bssid).toArray(String[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    float avg = rs.getFloat("rssi_avg");
                    Optional<Double> a = rs.wasNull() ? Optional.empty() : Optional.of(Double.valueOf(Float.toString(avg)));
                    bySsid.computeIfAbsent(rs.getString("bssid"), k -> new ArrayList<>()).add(new Network.SensorSignal(
                            rs.getString("sensor_id"), Sql.optInt(rs, "rssi_min"), a, Sql.optInt(rs, "rssi_max"),
                            Sql.time(rs, "last_seen")));
                }
            }
        }
        List<Network> out = new ArrayList<>(nets.size());
        for (Network nw : nets) {
            out.add(new Network(nw.bssid(), nw.ssid(), nw.ssidBytes(), nw.security(), nw.channel(), nw.freqMhz(), nw.vendor(),
                    nw.firstSeen(), nw.lastSeen(), nw.hidden(), bySsid.getOrDefault(nw.bssid(), List.of())));
        }
        return out;
    }

    static Network mapNetwork(ResultSet rs, List<Network.SensorSignal> sensors) throws SQLException {
        byte[] ssid = rs.getBytes("ssid_bytes");
        return new Network(rs.getString("bssid"), Sql.optString(rs, "ssid"), Optional.ofNullable(ssid).map(Ssid::of),
                Sql.optString(rs, "security"),
                Sql.optInt(rs, "channel"), Sql.optInt(rs, "freq_mhz"), Sql.optString(rs, "vendor"),
                Sql.time(rs, "first_seen"), Sql.time(rs, "last_seen"), rs.getBoolean("hidden"), sensors);
    }
}
