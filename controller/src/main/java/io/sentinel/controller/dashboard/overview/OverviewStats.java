package io.sentinel.controller.dashboard.overview;

import io.sentinel.store.Database;
import io.sentinel.store.OffsetPage;
import io.sentinel.store.alert.AlertReadRepository;
import io.sentinel.store.ingest.IngestReadRepository;
import io.sentinel.store.network.NetworkReadRepository;
import io.sentinel.store.sensor.SensorRepository;
import io.sentinel.store.sensor.SensorState;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cards at the top of the overview (rendered with the page and pushed by the live feed).
 *
 * @param sensors        sensors per state (the API's vocabulary)
 * @param openBySeverity open alerts seen in the last 24 hours, per severity, worst first
 * @param openTotal      every open alert, counted up to {@link OffsetPage#COUNT_CAP} + 1
 * @param networksSeen   networks seen in the last 24 hours
 * @param ingestPerSecond items stored per second over the last {@link #INGEST_WINDOW}
 * @param deadLetters    ingest entries held in the queue's dead letters (accepted, not stored); -1: queue unreachable
 */
public record OverviewStats(Map<SensorState, Long> sensors, Map<String, Long> openBySeverity, long openTotal,
        long networksSeen, double ingestPerSecond, long deadLetters) {

    /** The window of the ingest rate. */
    public static final Duration INGEST_WINDOW = Duration.ofMinutes(5);

    /** The sensor states with a card: always online and offline, the others when a sensor is in them. */
    public List<SensorState> sensorCards() {
        return List.of(SensorState.ONLINE, SensorState.REPLAY_FINISHED, SensorState.STALE, SensorState.OFFLINE,
                SensorState.NEVER_SEEN).stream()
                .filter(s -> s == SensorState.ONLINE || s == SensorState.OFFLINE || sensors.getOrDefault(s, 0L) > 0)
                .toList();
    }

    public long sensorsIn(SensorState s) {
        return sensors.getOrDefault(s, 0L);
    }

    /** The open total, "10,000+" beyond the count cap. */
    public String openTotalText() {
        return openTotal > OffsetPage.COUNT_CAP ? String.format(java.util.Locale.ROOT, "%,d+", OffsetPage.COUNT_CAP)
                : Long.toString(openTotal);
    }

    /** Reads the numbers from the store. */
    public static final class Reader {
        private final SensorRepository sensors;
        private final AlertReadRepository alerts;
        private final NetworkReadRepository networks;
        private final IngestReadRepository ingest;
        private final java.util.function.LongSupplier deadLetters;

        public Reader(Database db, AlertReadRepository alerts) {
            this(db, alerts, () -> 0);
        }

        public Reader(Database db, AlertReadRepository alerts, java.util.function.LongSupplier deadLetters) {
            this.deadLetters = deadLetters;
            this.sensors = new SensorRepository(db);
            this.alerts = alerts;
            this.networks = new NetworkReadRepository(db);
            this.ingest = new IngestReadRepository(db);
        }

        public OverviewStats read(Instant now) throws SQLException {
            Instant day = now.minus(Duration.ofHours(24));
            return new OverviewStats(sensors.countByState(now), alerts.openBySeverity(day), alerts.openTotal(),
                    networks.seenSince(day), ingest.itemsStoredSince(now.minus(INGEST_WINDOW)) / (double) INGEST_WINDOW.toSeconds(),
                    deadLetters.getAsLong());
        }
    }
}
