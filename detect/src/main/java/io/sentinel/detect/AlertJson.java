package io.sentinel.detect;

/** Writes an {@link Alert} as one JSON object with the contract's keys, always all of them. */
public final class AlertJson {
    private AlertJson() {}

    public static String write(Alert a) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"id\":");
        Json.string(sb, a.id());
        sb.append(",\"type\":");
        Json.string(sb, a.type());
        sb.append(",\"severity\":");
        Json.string(sb, a.severity().json());
        sb.append(",\"confidence\":");
        Json.number(sb, a.confidence());
        sb.append(",\"first_seen\":");
        Json.epochSeconds(sb, a.firstSeenNanos());
        sb.append(",\"last_seen\":");
        Json.epochSeconds(sb, a.lastSeenNanos());
        sb.append(",\"count\":").append(a.count());
        sb.append(",\"bssid\":");
        Json.value(sb, a.bssid());
        sb.append(",\"ssid\":");
        Json.value(sb, a.ssid());
        sb.append(",\"source\":");
        Json.value(sb, a.source());
        sb.append(",\"target\":");
        Json.value(sb, a.target());
        sb.append(",\"channel\":");
        if (a.channel() > 0) sb.append(a.channel()); else sb.append("null");
        sb.append(",\"reasons\":");
        Json.value(sb, a.reasons());
        sb.append(",\"mitre\":");
        Json.value(sb, a.mitre());
        sb.append(",\"evidence\":");
        Json.value(sb, a.evidence());
        sb.append(",\"summary\":");
        Json.string(sb, a.summary());
        return sb.append('}').toString();
    }
}
