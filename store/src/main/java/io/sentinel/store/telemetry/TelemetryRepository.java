package io.sentinel.store.telemetry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.Cursor;
import io.sentinel.store.Keyset;
import io.sentinel.store.Database;
import io.sentinel.store.Page;
import io.sentinel.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Telemetry rows: bulk insert with {@code COPY} (text format, every value escaped), queries by
 * sensor / BSSID / time with keyset pagination, and partition maintenance. The SSID is stored as
 * its bytes ({@code ssid_bytes}) and its display form ({@code ssid}, see {@link Ssid#display()}).
 */
public final class TelemetryRepository {
    /** Columns filled by {@link #copy}, in COPY order. */
    public static final String COPY_COLUMNS =
            "time, sensor_id, batch_id, kind, mac, bssid, ssid, channel, freq_mhz, security, rssi_min, rssi_avg, "
                    + "rssi_max, first_seen, frames, vendor, ssid_bytes";
    // rows written before migration V5 have no ssid_bytes; their text was the SSID's UTF-8
    private static final String SELECT = "SELECT id, time, sensor_id, batch_id, kind, mac::text AS mac, "
            + "bssid::text AS bssid, coalesce(ssid_bytes, convert_to(ssid, 'UTF8')) AS ssid_bytes, channel, freq_mhz, "
            + "security, rssi_min, rssi_avg, rssi_max, first_seen, frames::text AS frames, vendor FROM telemetry";
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");
    private static final TypeReference<Map<String, Long>> FRAMES = new TypeReference<>() {};

    private final Database db;

    public TelemetryRepository(Database db) {
        this.db = db;
    }

    /** The items of one batch with the sensor that sent it, for {@link #copy(Connection, List)}. */
    public record Rows(String sensorId, String batchId, List<TelemetryItem> items) {}

    /** Appends the items of several batches with one COPY on the caller's connection. */
    public long copy(Connection c, List<Rows> batches) throws SQLException {
        long total = 0;
        for (Rows r : batches) {
            total += r.items().size();
        }
        if (total == 0) {
            return 0;
        }
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        CopyIn in = cm.copyIn("COPY telemetry (" + COPY_COLUMNS + ") FROM STDIN");
        try {
            StringBuilder sb = new StringBuilder(1 << 17);
            for (Rows r : batches) {
                for (TelemetryItem it : r.items()) {
                    appendRow(sb, r.sensorId(), r.batchId(), it);
                    if (sb.length() > 1 << 16) {
                        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                        in.writeToCopy(b, 0, b.length);
                        sb.setLength(0);
                    }
                }
            }
            if (!sb.isEmpty()) {
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(b, 0, b.length);
            }
            return in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Appends the items of one batch with COPY on the caller's connection (inside its
     * transaction). The row time is the item's {@code last_seen}.
     *
     * @return rows written
     */
    public long copy(Connection c, String sensorId, String batchId, List<TelemetryItem> items) throws SQLException {
        return copy(c, List.of(new Rows(sensorId, batchId, items)));
    }

    /** One row in COPY text format (tab-separated, {@code \N} for null, newline-terminated). */
    public static void appendRow(StringBuilder sb, String sensorId, String batchId, TelemetryItem it) {
        time(sb, it.lastSeen()).append('\t');
        text(sb, sensorId).append('\t');
        text(sb, batchId).append('\t');
        text(sb, it.kind()).append('\t');
        text(sb, it.mac()).append('\t');
        text(sb, it.effectiveBssid()).append('\t');
        String plain = it.ssidHex() == null && it.ssid() != null && Ssid.isPlainAscii(it.ssid())
                ? it.ssid() : null;
        Optional<Ssid> ssid = plain == null ? it.ssidValue() : Optional.empty();
        if (plain != null) {
            sb.append(plain); // printable ASCII without a backslash is its own display form and needs no COPY escape
        } else {
            text(sb, ssid.map(Ssid::display).orElse(null));
        }
        sb.append('\t');
        num(sb, it.channel()).append('\t');
        num(sb, it.freqMhz()).append('\t');
        text(sb, it.security()).append('\t');
        num(sb, it.rssiMin()).append('\t');
        num(sb, it.rssiAvg()).append('\t');
        num(sb, it.rssiMax()).append('\t');
        time(sb, it.firstSeen()).append('\t');
        frames(sb, it.frames()).append('\t');
        text(sb, it.vendor()).append('\t');
        if (plain != null) {
            // bytea in hex input form; COPY text format needs the backslash doubled
            sb.append("\\\\x");
            for (int i = 0; i < plain.length(); i++) {
                HEX.toHexDigits(sb, (byte) plain.charAt(i));
            }
        } else if (ssid.isPresent()) {
            sb.append("\\\\x").append(HEX.formatHex(ssid.get().bytes()));
        } else {
            sb.append("\\N");
        }
        sb.append('\n');
    }

    /**
     * The frame counters as a JSON object for the {@code jsonb} column. Counter names are
     * {@code [a-z0-9_]{1,32}} on the wire (validated), so they need no JSON or COPY escaping;
     * a map that breaks that rule (built in code, not read from the wire) goes through the codec.
     */
    private static StringBuilder frames(StringBuilder sb, Map<String, Long> frames) {
        int mark = sb.length();
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, Long> e : frames.entrySet()) {
            String k = e.getKey();
            Long v = e.getValue();
            if (v == null || !TelemetryItem.isCounterName(k)) {
                sb.setLength(mark);
                return text(sb, Wire.writeString(frames));
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(k).append("\":").append(v.longValue());
        }
        return sb.append('}');
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00:00}, computed directly (this runs twice per row). Wire
     * times lie in 1970..9999 (validated), so the year has four digits; others go the slow way.
     */
    static StringBuilder time(StringBuilder sb, Instant t) {
        long epochSecond = t.getEpochSecond();
        if (epochSecond < 0 || epochSecond > 253_402_300_799L) {
            return sb.append(TS.format(OffsetDateTime.ofInstant(t, ZoneOffset.UTC)));
        }
        long days = epochSecond / 86_400;
        int secondOfDay = (int) (epochSecond % 86_400);
        // civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = z / 146_097;
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        digits(sb, year, 4).append('-');
        digits(sb, month, 2).append('-');
        digits(sb, day, 2).append(' ');
        digits(sb, secondOfDay / 3600, 2).append(':');
        digits(sb, secondOfDay / 60 % 60, 2).append(':');
        digits(sb, secondOfDay % 60, 2).append('.');
        return digits(sb, t.getNano() / 1_000, 6).append("+00:00");
    }

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        for (int p = width - 1; p >= 0; p--) {
            int pow = POW10[p];
            sb.append((char) ('0' + value / pow % 10));
        }
        return sb;
    }

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000};

    private static StringBuilder num(StringBuilder sb, Number n) {
        return n == null ? sb.append("\\N") : sb.append(n);
    }

    private static StringBuilder text(StringBuilder sb, String s) {
        if (s == null) {
            return sb.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\0' -> throw new IllegalArgumentException("text with U+0000 reached COPY; the codec refuses it");
                default -> sb.append(ch);
            }
        }
        return sb;
    }

    /** A page of telemetry, newest {@code last_seen} first. Default 100 rows, at most 1000. */
    public Page<StoredTelemetry> query(TelemetryQuery q) throws SQLException {
        return Keyset.newestFirst("time", "id", "")
                .filter(q.sensorId(), "sensor_id = ?")
                .filter(q.bssid(), "bssid = ?::macaddr")
                .filter(q.since(), "time >= ?")
                .filter(q.until(), "time < ?")
                .after(q.cursor(), Long::parseLong)
                .page(db, SELECT, Sql.limit(q.limit(), 100, 1000), TelemetryRepository::map,
                        t -> new Cursor(t.item().lastSeen(), Long.toString(t.id())));
    }

    /** Number of telemetry rows (for tests and benchmarks; scans the table). */
    public long count() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM telemetry");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Creates partitions {@code daysAhead} days ahead and drops those older than
     * {@code retentionDays} (TimescaleDB: drops chunks). Returns one line per action.
     */
    public List<String> maintain(int daysAhead, int retentionDays) throws SQLException {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("TELEMETRY_RETENTION_DAYS must be at least 1");
        }
        List<String> actions = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                // one maintainer at a time across every worker
                try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(7305614)");
                        ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        c.rollback();
                        return List.of("skipped: another process is maintaining telemetry");
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT action, partition_name FROM "
                        + "sentinel_telemetry_maintain(?, ?)")) {
                    ps.setInt(1, daysAhead);
                    ps.setInt(2, retentionDays);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            actions.add(rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return actions;
    }

    /** How telemetry is stored here: {@code native} or {@code timescale}. */
    public String storage() throws SQLException {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT value FROM sentinel_meta WHERE key = 'telemetry_storage'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "unknown";
        }
    }

    static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                Sql.setTime(ps, i + 1, t);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private static StoredTelemetry map(ResultSet rs) throws SQLException {
        Map<String, Long> frames;
        try {
            frames = Wire.mapper().readValue(rs.getString("frames"), FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float avg = rs.getFloat("rssi_avg");
        // real -> shortest decimal, so that -55.3 reads back as -55.3
        Double rssiAvg = rs.wasNull() ? null : Double.valueOf(Float.toString(avg));
        byte[] ssidBytes = rs.getBytes("ssid_bytes");
        Ssid ssid = ssidBytes == null ? null : Ssid.of(ssidBytes);
        TelemetryItem item = new TelemetryItem(rs.getString("kind"), rs.getString("mac"), rs.getString("bssid"),
                ssid == null ? null : ssid.text().orElse(null), ssid == null ? null : ssid.hex(),
                Sql.optInt(rs, "channel").orElse(null),
                Sql.optInt(rs, "freq_mhz").orElse(null), rs.getString("security"),
                Sql.optInt(rs, "rssi_min").orElse(null), rssiAvg, Sql.optInt(rs, "rssi_max").orElse(null),
                Sql.time(rs, "first_seen"), Sql.time(rs, "time"), frames, rs.getString("vendor"));
        return new StoredTelemetry(rs.getLong("id"), rs.getString("sensor_id"), rs.getString("batch_id"), item);
    }
}
