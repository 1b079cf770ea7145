package io.sentinel.controller.dashboard.networks;

import io.javalin.http.Context;
import io.sentinel.controller.dashboard.alerts.AlertFilter;
import io.sentinel.controller.dashboard.web.QueryString;
import io.sentinel.store.network.NetworkListQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Filters, sort and page of the network inventory; sort keys only from {@link #SORTS}. */
public record NetworkFilter(String q, String security, Integer channel, String sort, boolean ascending, int page) {

    public static final int PAGE_SIZE = 50;
    public static final List<String> SECURITIES = List.of("open", "wep", "wpa", "wpa2", "wpa3", "wpa2/wpa3", "owe",
            "wpa-psk", "wpa2-psk", "wpa2-eap", "wpa3-sae", "wpa2/wpa3-psk", "wpa3-eap");
    /** Sort keys of the query string and the store's orders they stand for. */
    public static final Map<String, NetworkListQuery.Order> SORTS = Map.of("last_seen", NetworkListQuery.Order.LAST_SEEN,
            "first_seen", NetworkListQuery.Order.FIRST_SEEN, "ssid", NetworkListQuery.Order.SSID,
            "channel", NetworkListQuery.Order.CHANNEL, "bssid", NetworkListQuery.Order.BSSID);

    public static NetworkFilter from(Context ctx) {
        String q = Optional.ofNullable(ctx.queryParam("q")).map(String::strip).filter(s -> s.length() <= 64).orElse("");
        String security = Optional.ofNullable(ctx.queryParam("security")).filter(s -> s.matches("[a-z0-9/-]{1,20}")).orElse("");
        Integer channel = null;
        try {
            String c = ctx.queryParam("channel");
            if (c != null && !c.isBlank()) {
                int v = Integer.parseInt(c.strip());
                channel = v >= 1 && v <= 233 ? v : null;
            }
        } catch (NumberFormatException e) {
            channel = null;
        }
        String sort = Optional.ofNullable(ctx.queryParam("sort")).filter(SORTS::containsKey).orElse("last_seen");
        boolean asc = "asc".equals(ctx.queryParam("dir"));
        return new NetworkFilter(q, security, channel, sort, asc, AlertFilter.parsePage(ctx.queryParam("page")));
    }

    /** The store's query for these filters. */
    public NetworkListQuery toQuery() {
        return new NetworkListQuery(q.isEmpty() ? Optional.empty() : Optional.of(q),
                security.isEmpty() ? Optional.empty() : Optional.of(security), Optional.ofNullable(channel),
                SORTS.get(sort), ascending, page);
    }

    public NetworkFilter withPage(int p) {
        return new NetworkFilter(q, security, channel, sort, ascending, p);
    }

    public NetworkFilter sortedBy(String key) {
        return new NetworkFilter(q, security, channel, key, key.equals(sort) ? !ascending : key.equals("ssid"), 1);
    }

    public String query() {
        QueryString sb = new QueryString();
        sb.add("q", q);
        sb.add("security", security);
        sb.add("channel", channel == null ? "" : channel.toString());
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
