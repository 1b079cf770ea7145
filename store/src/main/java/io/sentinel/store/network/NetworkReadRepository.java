package io.sentinel.store.network;

import io.sentinel.protocol.wire.Identifiers;
import io.sentinel.store.Database;
import io.sentinel.store.OffsetPage;
import io.sentinel.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's reads of the network inventory: the filtered, sorted, numbered list (each
 * network with what every sensor last heard of it), the sensors that hear one BSSID, and how
 * many networks were seen in a period.
 */
public final class NetworkReadRepository {


    private final Database db;

    public NetworkReadRepository(Database db) {
        this.db = db;
    }

    /** A numbered page of networks; the count stops at {@link OffsetPage#COUNT_CAP}. */
    public OffsetPage<Network> list(NetworkListQuery q, int pageSize) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE true");
        List<Object> params = new ArrayList<>();
        if (q.text().isPresent()) {
            String lower = q.text().get().toLowerCase(Locale.ROOT);
            if (Identifiers.isMac(lower)) {
                where.append(" AND bssid = ?::macaddr");
                params.add(lower);
            } else {
                where.append(" AND ssid ILIKE ? ESCAPE '\\'");
                params.add(Sql.containing(q.text().get()));
            }
        }
        q.security().ifPresent(v -> {
            where.append(" AND security = ?");
            params.add(v);
        });
        q.channel().ifPresent(v -> {
            where.append(" AND channel = ?");
            params.add(v);
        });
        List<Object> countParams = new ArrayList<>(params);
        countParams.add(OffsetPage.COUNT_CAP + 1);
        long total = Sql.count(db, "SELECT count(*) FROM (SELECT 1 FROM networks" + where + " LIMIT ?) capped",
                countParams.toArray());
        String dir = q.ascending() ? " ASC" : " DESC";
        String inverse = q.ascending() ? " DESC" : " ASC";
        // (last_seen|ssid|security, ..., bssid) and the primary key are the schema's indexes
        String order = switch (q.order()) {
            case BSSID -> " ORDER BY bssid" + dir;
            case SSID -> " ORDER BY ssid" + dir + ", last_seen" + inverse + ", bssid" + inverse;
            case LAST_SEEN -> " ORDER BY last_seen" + dir + ", bssid" + dir;
            case FIRST_SEEN -> " ORDER BY first_seen" + dir + ", bssid" + dir;
            case CHANNEL -> " ORDER BY channel" + dir + ", bssid" + dir;
        };
        int page = OffsetPage.clampPage(q.page());
        List<Object> p = new ArrayList<>(params);
        p.add(pageSize);
        p.add(OffsetPage.offset(page, pageSize));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT " + NetworkRepository.NETWORK_COLUMNS
                + " FROM networks" + where + order + " LIMIT ? OFFSET ?")) {
            ps.setQueryTimeout(Sql.READ_TIMEOUT_SECONDS);
            Sql.bind(ps, p);
            List<Network> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(NetworkRepository.mapNetwork(rs, List.of()));
                }
            }
            return new OffsetPage<>(NetworkRepository.withSensors(c, rows), total, page, pageSize);
        }
    }

    /** The sensors that hear {@code bssid}, strongest first. */
    public List<Hearing> hearings(String bssid, int limit) throws SQLException {
        return Sql.list(db, "SELECT ns.sensor_id, s.name, ns.rssi_min, ns.rssi_avg, ns.rssi_max, ns.last_seen "
                + "FROM network_sensors ns LEFT JOIN sensors s ON s.id = ns.sensor_id WHERE ns.bssid = ?::macaddr "
                + "ORDER BY ns.rssi_avg DESC NULLS LAST LIMIT ?",
                rs -> new Hearing(rs.getString("sensor_id"), Sql.optString(rs, "name"), Sql.optInt(rs, "rssi_min"),
                        Sql.optDouble(rs, "rssi_avg"), Sql.optInt(rs, "rssi_max"), Sql.time(rs, "last_seen")),
                bssid, limit);
    }

    /** Networks last seen at or after {@code since}. */
    public long seenSince(Instant since) throws SQLException {
        return Sql.count(db, "SELECT count(*) FROM networks WHERE last_seen >= ?", since);
    }
}
