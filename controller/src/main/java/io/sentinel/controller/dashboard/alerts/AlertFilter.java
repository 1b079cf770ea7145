package io.sentinel.controller.dashboard.alerts;

import io.javalin.http.Context;
import io.sentinel.controller.dashboard.web.QueryString;
import io.sentinel.store.OffsetPage;
import io.sentinel.store.alert.Alert;
import io.sentinel.store.alert.AlertListQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The filters, sort and page of the alert list, read from the query string. Unknown values
 * fall back to defaults: a filter value is only ever bound as a SQL parameter, a sort key is
 * only ever one of {@link #SORTS}.
 */
public record AlertFilter(
        String type, String severity, String status, String sensor, String q,
        String window, String sort, boolean ascending, int page) {

    public static final int PAGE_SIZE = 50;
    public static final List<String> TYPES = List.of("deauth_flood", "disassoc_flood", "auth_flood", "assoc_flood",
            "beacon_flood", "probe_flood", "evil_twin", "karma", "pmkid_harvest", "eapol_replay", "rogue_ap",
            "crypto_downgrade", "weak_crypto", "wep_iv_reuse", "ssid_lookalike", "attack_tool", "malformed_frame",
            "jamming", "beacon_anomaly", "sae_flood", "csa_abuse", "frag_attack", "sae_timing_probe");
    public static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low", "info");
    public static final List<String> STATUSES = List.of("open", "acknowledged", "resolved");
    public static final Map<String, Duration> WINDOWS = windows();
    /** Sort keys of the query string and the store's orders they stand for. */
    public static final Map<String, AlertListQuery.Order> SORTS = Map.of("last_seen", AlertListQuery.Order.LAST_SEEN,
            "type", AlertListQuery.Order.TYPE, "severity", AlertListQuery.Order.SEVERITY);

    private static Map<String, Duration> windows() {
        Map<String, Duration> m = new LinkedHashMap<>();
        m.put("1h", Duration.ofHours(1));
        m.put("24h", Duration.ofHours(24));
        m.put("7d", Duration.ofDays(7));
        m.put("30d", Duration.ofDays(30));
        m.put("all", null);
        return m;
    }

    public static AlertFilter from(Context ctx) {
        String type = pick(ctx.queryParam("type"), TYPES);
        String severity = pick(ctx.queryParam("severity"), SEVERITIES);
        String status = pick(ctx.queryParam("status"), STATUSES);
        String sensor = Optional.ofNullable(ctx.queryParam("sensor")).filter(s -> s.matches("[A-Za-z0-9._-]{1,64}")).orElse("");
        String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).filter(s -> s.length() <= 64).orElse("");
        String window = Optional.ofNullable(ctx.queryParam("window")).filter(WINDOWS::containsKey).orElse("all");
        String sort = Optional.ofNullable(ctx.queryParam("sort")).filter(SORTS::containsKey).orElse("last_seen");
        boolean asc = "asc".equals(ctx.queryParam("dir"));
        int page = parsePage(ctx.queryParam("page"));
        return new AlertFilter(type, severity, status, sensor, q, window, sort, asc, page);
    }

    /** A page number from the query string, clamped to the pages the store serves. */
    public static int parsePage(String v) {
        try {
            return OffsetPage.clampPage(Integer.parseInt(v == null ? "1" : v.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The store's query for these filters at {@code now} (the period is counted back from it). */
    public AlertListQuery toQuery(Instant now) {
        Duration period = WINDOWS.get(window);
        return new AlertListQuery(present(type), present(severity), present(status).map(Alert.Status::parse),
                present(sensor), present(q), Optional.ofNullable(period).map(now::minus), SORTS.get(sort), ascending, page);
    }

    private static Optional<String> present(String v) {
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    private static String pick(String v, List<String> allowed) {
        return v != null && allowed.contains(v) ? v : "";
    }

    public AlertFilter withPage(int p) {
        return new AlertFilter(type, severity, status, sensor, q, window, sort, ascending, p);
    }

    /** Same filters sorted by {@code key}; the current key flips direction. */
    public AlertFilter sortedBy(String key) {
        boolean asc = key.equals(sort) ? !ascending : false;
        return new AlertFilter(type, severity, status, sensor, q, window, key, asc, 1);
    }

    public String query() {
        QueryString sb = new QueryString();
        sb.add("type", type);
        sb.add("severity", severity);
        sb.add("status", status);
        sb.add("sensor", sensor);
        sb.add("q", q);
        if (!window.equals("all")) {
            sb.add("window", window);
        }
        if (!sort.equals("last_seen")) {
            sb.add("sort", sort);
        }
        if (ascending) {
            sb.add("dir", "asc");
        }
        if (page > 1) {
            sb.add("page", Integer.toString(page));
        }
        return sb.toString();
    }
}
