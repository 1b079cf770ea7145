package io.sentinel.store.evidence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Object keys of evidence files, {@code evidence/YYYY/MM/DD/<alert id>/<sensor>-<n>.pcapng}
 * (UTC date of receipt), built only from values the server checked; every character outside
 * {@code [A-Za-z0-9_-]} becomes {@code _}, so no part can be empty of meaning ({@code ..}) or
 * leave its folder.
 */
public final class EvidenceKeys {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private EvidenceKeys() {}

    public static String of(Instant received, String alertId, String sensorId, int seq) {
        return "evidence/" + DAY.format(received) + "/" + safe(alertId) + "/" + safe(sensorId) + "-" + seq + ".pcapng";
    }

    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && b.length() < 160; i++) {
            char c = s.charAt(i);
            b.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ? c : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }
}
