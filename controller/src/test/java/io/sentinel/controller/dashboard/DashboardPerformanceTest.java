package io.sentinel.controller.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures every dashboard page and chart server-side (the {@code Server-Timing} header) with 100,000 alerts, 10,000 networks, 30,000 sensor hearings and 100,000 telemetry
 * rows in the database. Writes the table it measured to
 * {@code <build dir>/dashboard-benchmark.md} (copied into docs/benchmarks.md by hand).
 */
class DashboardPerformanceTest {

    static final int ALERTS = 100_000;
    static final int NETWORKS = 10_000;
    static final int RUNS = 7;
    /**
     * The goal is 200 ms. On a shared 2-core machine timed tests flake, so the default run only
     * catches plan regressions (a full sort or scan of the 100,000 alerts takes seconds under
     * load); {@code -Dsentinel.dashboard.enforceTiming=true} asserts the goal itself.
     */
    static final double LIMIT_MS = Boolean.getBoolean("sentinel.dashboard.enforceTiming") ? 200 : 2000;
    static DashboardServer server;

    @BeforeAll
    static void start() {
        server = DashboardServer.start(b -> b.passwordIterations(20_000));
        TestData data = new TestData(server.db.dataSource());
        long t0 = System.nanoTime();
        data.sql("INSERT INTO sensors (id, name, location, last_heartbeat, health) SELECT 's' || g, 'sensor ' || g, 'floor ' || g, "
                + "now() - (g * interval '20 seconds'), jsonb_build_object('frames_captured', 100000 * g, 'frames_dropped', g, "
                + "'uptime_s', 3600, 'spool_depth', g % 4, 'clock_offset_ms', g - 10, 'channels', "
                + "jsonb_build_array(jsonb_build_object('channel', 1), jsonb_build_object('channel', 6), jsonb_build_object('channel', 11))) "
                + "FROM generate_series(0, 19) g");
        data.sql("INSERT INTO networks (bssid, ssid, security, channel, freq_mhz, vendor, first_seen, last_seen) SELECT "
                + mac("g") + ", 'net-' || g, (ARRAY['open','wpa2-psk','wpa3-sae','wpa2-eap','wep'])[1 + g % 5], "
                + "(ARRAY[1,6,11,36,40,44,149])[1 + g % 7], 2412, 'Vendor ' || (g % 50), "
                + "now() - interval '30 days' + (g * interval '1 minute'), now() - (g * interval '8 seconds') "
                + "FROM generate_series(0, " + (NETWORKS - 1) + ") g");
        data.sql("INSERT INTO network_sensors (bssid, sensor_id, rssi_min, rssi_avg, rssi_max, last_seen) SELECT "
                + mac("g") + ", 's' || ((g + k) % 20), -90 + (g % 40), -85 + (g % 40), -80 + (g % 40), now() - (g * interval '8 seconds') "
                + "FROM generate_series(0, " + (NETWORKS - 1) + ") g, generate_series(0, 2) k");
        data.sql("INSERT INTO alerts (id, type, severity, confidence, first_seen, last_seen, count, bssid, ssid, source, target, channel, "
                + "reasons, mitre, evidence, summary, sensor_id, sensor_ids, status, created_at) SELECT "
                + "'alert-' || g, (ARRAY['deauth_flood','evil_twin','karma','beacon_flood','pmkid_harvest','rogue_ap','probe_flood'])[1 + g % 7], "
                + "(ARRAY['info','low','medium','high','critical'])[1 + g % 5], 0.8, "
                + "now() - (g * interval '25 seconds') - interval '1 minute', now() - (g * interval '25 seconds'), 10 + g % 1000, "
                + "lower(" + mac("g % " + NETWORKS) + "::text), 'net-' || (g % " + NETWORKS + "), 'de:ad:be:ef:00:01', 'ff:ff:ff:ff:ff:ff', 6, "
                + "ARRAY['RATE_ABOVE_THRESHOLD'], ARRAY['T1499'], jsonb_build_object('rate_per_s', g % 100, 'window_s', 10), "
                + "'Synthetic alert ' || g, 's' || (g % 20), ARRAY['s' || (g % 20)], "
                + "(ARRAY['open','open','open','open','open','open','open','acknowledged','acknowledged','resolved'])[1 + g % 10], "
                + "now() - (g * interval '25 seconds') FROM generate_series(0, " + (ALERTS - 1) + ") g");
        data.sql("INSERT INTO alert_reports (sensor_id, report_id, alert_id, confidence, count, first_seen, last_seen) SELECT "
                + "'s' || (g % 20), 'r-' || g, 'alert-' || (g % 1000), 0.8, 5, now() - interval '1 hour', now() FROM generate_series(0, 9999) g");
        data.sql("INSERT INTO telemetry (time, sensor_id, batch_id, kind, mac, bssid, ssid, channel, security, rssi_min, rssi_avg, rssi_max, "
                + "first_seen, frames) SELECT now() - (g * interval '864 milliseconds'), 's' || (g % 20), 'b' || (g / 100), 'ap', "
                + mac("g % 2000") + ", " + mac("g % 2000") + ", 'net-' || (g % 2000), (ARRAY[1,6,11,36,40,44,149])[1 + g % 7], 'wpa2-psk', "
                + "-80 + g % 30, -75 + g % 30, -70 + g % 30, now() - (g * interval '864 milliseconds') - interval '30 seconds', "
                + "jsonb_build_object('beacon', 10 + g % 7, 'probe_resp', g % 3, 'deauth', g % 2) FROM generate_series(0, 99999) g");
        data.sql("INSERT INTO ingest_batches (sensor_id, batch_id, kind, received_at, stored_at, items) SELECT 's' || (g % 20), 'ib-' || g, "
                + "(ARRAY['telemetry','alerts','heartbeat'])[1 + g % 3], now() - (g * interval '3 seconds'), now() - (g * interval '3 seconds'), "
                + "1 + g % 50 FROM generate_series(0, 28799) g");
        data.sql("VACUUM ANALYZE");
        System.out.printf(Locale.ROOT, "dashboard benchmark data loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** A unicast locally administered MAC from an integer expression. */
    static String mac(String expr) {
        String hex = "lpad(to_hex(" + expr + "), 8, '0')";
        return "('02:00:' || substr(" + hex + ", 1, 2) || ':' || substr(" + hex + ", 3, 2) || ':' || substr(" + hex
                + ", 5, 2) || ':' || substr(" + hex + ", 7, 2))::macaddr";
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyPageAnswersUnder200MsServerSideWithALargeDatabase() throws Exception {
        Http h = new Http(server.base());
        h.login(DashboardServer.PASSWORD);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("overview", "/dashboard");
        pages.put("alerts (newest first)", "/dashboard/alerts");
        pages.put("alerts severity=high", "/dashboard/alerts?severity=high");
        pages.put("alerts type+status", "/dashboard/alerts?type=evil_twin&status=acknowledged");
        pages.put("alerts sorted by severity", "/dashboard/alerts?sort=severity");
        pages.put("alerts sorted by type", "/dashboard/alerts?sort=type&dir=asc");
        pages.put("alerts SSID search", "/dashboard/alerts?q=net-42");
        pages.put("alerts by BSSID", "/dashboard/alerts?q=02:00:00:00:00:2a");
        pages.put("alerts by sensor, 24 h", "/dashboard/alerts?sensor=s3&window=24h");
        pages.put("alerts page 200 (last)", "/dashboard/alerts?page=200");
        pages.put("alert page", "/dashboard/alerts/alert-500");
        pages.put("networks", "/dashboard/networks");
        pages.put("networks sorted by SSID", "/dashboard/networks?sort=ssid");
        pages.put("networks SSID search", "/dashboard/networks?q=net-99");
        pages.put("networks security+channel", "/dashboard/networks?security=wpa3-sae&channel=36");
        pages.put("network page", "/dashboard/networks/02:00:00:00:00:2a");
        pages.put("sensors", "/dashboard/sensors");
        pages.put("signals", "/dashboard/signals");
        pages.put("chart: alerts by severity", "/dashboard/data/severity.json");
        pages.put("chart: ingest rate", "/dashboard/data/ingest.json");
        pages.put("chart: RSSI of a network", "/dashboard/data/rssi.json?bssid=02:00:00:00:00:2a&hours=24");
        pages.put("chart: frames by subtype", "/dashboard/data/subtypes.json");

        StringBuilder table = new StringBuilder("| page | median ms | max ms |\n|---|---:|---:|\n");
        List<String> slow = new ArrayList<>();
        for (Map.Entry<String, String> e : pages.entrySet()) {
            h.get(e.getValue()); // warm-up: plan cache, JIT
            double[] ms = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                HttpResponse<String> r = h.get(e.getValue());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
                String timing = r.headers().firstValue("Server-Timing").orElseThrow();
                ms[i] = Double.parseDouble(timing.substring(timing.indexOf("dur=") + 4));
            }
            Arrays.sort(ms);
            double median = ms[RUNS / 2];
            table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", e.getKey(), median, ms[RUNS - 1]));
            if (median >= LIMIT_MS) {
                slow.add(e.getKey() + " " + median + " ms");
            }
        }
        // the live feed's poll (runs once per interval while a browser listens)
        long t = System.nanoTime();
        int polls = 20;
        for (int i = 0; i < polls; i++) {
            new io.sentinel.store.alert.AlertReadRepository(server.db)
                    .createdSince(java.time.Instant.now().minusSeconds(30), 200);
        }
        table.append(String.format(Locale.ROOT, "| live feed poll (query only) | %.1f | – |%n", (System.nanoTime() - t) / 1e6 / polls));
        System.out.println(table);
        Path out = Path.of(System.getProperty("sentinel.build.dir", "target")).resolve("dashboard-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        assertThat(slow).as("pages with a median of " + LIMIT_MS + " ms or more").isEmpty();
    }
}
