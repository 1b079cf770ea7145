package io.sentinel.app.analyze;

import io.sentinel.detect.Alert;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The human summary of an analysis on stderr: totals, then one row per alert. */
public final class SummaryTable {
    private SummaryTable() {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    public static void print(PrintStream err, int files, CaptureAnalysis.Result r) {
        double span = r.frames() == 0 ? 0 : (r.lastNanos() - r.firstNanos()) / 1e9;
        err.printf(Locale.ROOT, "analysed %d file%s: %,d frames over %.1f s of capture time; %d alert%s%n",
                files, files == 1 ? "" : "s", r.frames(), span, r.alerts().size(), r.alerts().size() == 1 ? "" : "s");
        for (String w : r.warnings()) err.println("warning: " + w);
        if (r.alerts().isEmpty()) return;
        Map<String, Integer> byType = new TreeMap<>();
        for (Alert a : r.alerts()) byType.merge(a.type(), 1, Integer::sum);
        err.println();
        err.printf(Locale.ROOT, "%-9s %-8s %-8s %-17s %7s  %-17s %s%n", "SEVERITY", "FIRST", "LAST", "TYPE", "FRAMES", "ENTITY", "SUMMARY");
        for (Alert a : r.alerts()) {
            String entity = a.bssid() != null ? a.bssid() : a.source() != null ? a.source() : a.channel() > 0 ? "channel " + a.channel() : "-";
            String summary = a.summary().length() > 90 ? a.summary().substring(0, 89) + "…" : a.summary();
            err.printf(Locale.ROOT, "%-9s %-8s %-8s %-17s %7d  %-17s %s%n", a.severity().json(),
                    TIME.format(Instant.ofEpochSecond(0, a.firstSeenNanos())), TIME.format(Instant.ofEpochSecond(0, a.lastSeenNanos())),
                    a.type(), a.count(), entity, summary);
        }
        err.println();
        StringBuilder sb = new StringBuilder("by type:");
        byType.forEach((t, n) -> sb.append(' ').append(t).append('=').append(n));
        err.println(sb);
    }
}
