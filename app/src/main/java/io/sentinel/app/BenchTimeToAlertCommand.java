package io.sentinel.app;

import io.sentinel.app.bench.TimeToAlert;
import io.sentinel.app.bench.ScratchDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel bench time-to-alert}: attacks replayed at live pace through a real sensor into
 * controller + worker while telemetry flows; per alert, first evidence frame in the sensor to the
 * alert returned by {@code GET /api/v1/alerts}.
 */
@Command(name = "time-to-alert", mixinStandardHelpOptions = true,
        description = {"Time from an attack's first frame entering a real sensor (live-paced replay) to its alert in",
            "GET /api/v1/alerts, through controller + worker (all-in-one, temporary data), while telemetry flows."})
public final class BenchTimeToAlertCommand implements Callable<Integer> {

    @Option(names = "--attacks", defaultValue = "120", description = "attacks, one alert each (default ${DEFAULT-VALUE})")
    int attacks;

    @Option(names = "--spacing-ms", defaultValue = "1000", description = "capture time between attacks (default ${DEFAULT-VALUE})")
    long spacingMs;

    @Option(names = "--telemetry-sensors", defaultValue = "4", description = "simulated sensors pushing telemetry meanwhile, 0 = none (default ${DEFAULT-VALUE})")
    int telemetrySensors;

    @Option(names = "--batch-items", defaultValue = "500", description = "items per telemetry batch (default ${DEFAULT-VALUE})")
    int batchItems;

    @Option(names = "--poll-ms", defaultValue = "20", description = "how often the API is asked for alerts (default ${DEFAULT-VALUE})")
    long pollMs;

    @Option(names = "--csv", description = "write each alert's time and its stages to this file (bssid,alert_id,ms,detect_ms,...)")
    Path csv;

    @Override
    public Integer call() throws Exception {
        TimeToAlert.Settings settings;
        try {
            settings = new TimeToAlert.Settings(attacks, Duration.ofMillis(spacingMs), telemetrySensors, batchItems,
                    Duration.ofMillis(Math.max(1, pollMs)));
        } catch (IllegalArgumentException e) {
            System.err.println("sentinel bench time-to-alert: " + e.getMessage());
            return Sentinel.EXIT_CONFIG;
        }
        Path tmp = Files.createTempDirectory("sentinel-bench-tta-");
        try {
            TimeToAlert.Result r = TimeToAlert.run(tmp, settings, System.err);
            if (csv != null) {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
                    w.println("bssid,alert_id,ms," + String.join(",", TimeToAlert.STAGES.stream().map(n -> n.replace(' ', '_')
                            .replace("+", "and") + "_ms").toList()));
                    for (TimeToAlert.Sample s : r.samples()) {
                        w.printf(Locale.ROOT, "%s,%s,%.1f", s.bssid(), s.alertId(), s.millis());
                        for (double d : s.stages()) w.printf(Locale.ROOT, ",%.1f", d);
                        w.println();
                    }
                }
            }
            System.out.printf(Locale.ROOT, "result: time to alert over %d alerts (%d missing): p50 %.0f ms, p99 %.0f ms, "
                            + "min %.0f ms, max %.0f ms (start-up bound %.1f ms); telemetry meanwhile %,.0f records/s "
                            + "(%,d records, %d refused requests)%n",
                    r.samples().size(), r.missing(), r.percentile(0.50), r.percentile(0.99), r.percentile(0.0),
                    r.percentile(1.0), r.startupMs(), r.telemetryPerSecond(), r.telemetryRecords(), r.telemetryRefused());
            for (int i = 0; i < TimeToAlert.STAGES.size(); i++) {
                System.out.printf(Locale.ROOT, "stage %-13s p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms%n", TimeToAlert.STAGES.get(i),
                        r.stagePercentile(i, 0.50), r.stagePercentile(i, 0.99), r.stagePercentile(i, 1.0));
            }
            return r.missing() == 0 ? 0 : 1;
        } finally {
            ScratchDirectory.deleteTree(tmp);
        }
    }
}
