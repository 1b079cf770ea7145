package io.sentinel.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentinel.app.ingest.GeneratedBodies.Expect;
import io.sentinel.app.ingest.GeneratedBodies.Request;
import io.sentinel.protocol.signing.RequestSigner;
import io.sentinel.protocol.wire.AlertBatch;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.ControllerAnswer;
import io.sentinel.protocol.wire.Ssid;
import io.sentinel.protocol.wire.TelemetryBatch;
import io.sentinel.protocol.wire.TelemetryItem;
import io.sentinel.protocol.wire.Wire;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The property of issue #10, over generated bodies against the real controller, queue, worker
 * and PostgreSQL: every request the controller answers 2xx is stored exactly once (with the
 * values it was sent), and everything it does not store it answered 4xx — never a 5xx, never a
 * dead letter.
 */
class AcceptedMeansStoredTest {
    /** Requests per queue kind; raise for a longer search ({@code -Dsentinel.property.requests=5000}). */
    private static final int REQUESTS = Integer.getInteger("sentinel.property.requests", 240);
    /** The generator's seed; another one explores other bodies ({@code -Dsentinel.property.seed=N}). */
    private static final long SEED = Long.getLong("sentinel.property.seed", 10);

    private record Outcome(Request request, int status, String body) {}

    @ParameterizedTest
    @EnumSource(IngestStack.QueueKind.class)
    void everyRequestAnswered2xxIsStoredExactlyOnceAndEveryOtherWasAnswered4xx(IngestStack.QueueKind kind)
            throws Exception {
        try (IngestStack stack = IngestStack.start(kind)) {
            String sensor = "prop-" + kind.name().toLowerCase(java.util.Locale.ROOT);
            RequestSigner signer = stack.enrol(sensor);
            GeneratedBodies gen = new GeneratedBodies(kind.ordinal() * 1000L + SEED, sensor);
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Request r = gen.next();
                HttpResponse<String> a = stack.post(signer, r.path(), r.body(), r.gzip(), r.contentType());
                outcomes.add(new Outcome(r, a.statusCode(), a.body()));
            }
            // a few accepted batches again: answered "duplicate", still stored once
            List<Outcome> resent = new ArrayList<>();
            for (Outcome o : outcomes) {
                if (o.status() == 202 && resent.size() < 15) {
                    HttpResponse<String> a = stack.post(signer, o.request().path(), o.request().body(), o.request().gzip(),
                            o.request().contentType());
                    resent.add(new Outcome(o.request(), a.statusCode(), a.body()));
                }
            }
            stack.awaitStored(Duration.ofSeconds(120));

            Map<String, Integer> byStatus = new HashMap<>();
            int accepted = 0;
            int refused = 0;
            for (Outcome o : outcomes) {
                Request r = o.request();
                String what = r.fault() + " (" + r.path() + ", " + r.batchId() + ") -> " + o.status() + " " + o.body();
                byStatus.merge(o.status() + " " + r.fault(), 1, Integer::sum);
                assertThat(o.status()).as(what).isBetween(200, 499);
                if (r.expect() == Expect.ACCEPTED) {
                    assertThat(o.status()).as(what).isEqualTo(202);
                } else if (r.expect() == Expect.REFUSED) {
                    assertThat(o.status()).as(what).isBetween(400, 499);
                    assertThat(Wire.readAnswer(o.status(), o.body().getBytes(StandardCharsets.UTF_8)))
                            .as(what).isInstanceOf(ControllerAnswer.Refusal.class);
                }
                if (o.status() >= 200 && o.status() < 300) {
                    accepted++;
                    assertStoredOnce(stack, sensor, r, what);
                } else {
                    refused++;
                    assertThat(stack.count("SELECT count(*) FROM ingest_batches WHERE sensor_id = ? AND batch_id = ?",
                            sensor, r.batchId())).as("refused, so not stored: " + what).isZero();
                    assertThat(stack.count("SELECT count(*) FROM telemetry WHERE sensor_id = ? AND batch_id = ?",
                            sensor, r.batchId())).as(what).isZero();
                }
            }
            for (Outcome o : resent) {
                assertThat(o.status()).as("resent " + o.request().batchId()).isEqualTo(200);
                assertThat(Wire.readAnswer(200, o.body().getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(ControllerAnswer.Duplicate.class);
                assertStoredOnce(stack, sensor, o.request(), "resent " + o.request().batchId());
            }
            System.out.println(kind + ": " + accepted + " accepted, " + refused + " refused; statuses by fault: " + byStatus);
            assertThat(accepted).as("statuses by fault: " + byStatus).isGreaterThan(REQUESTS / 3);
            assertThat(refused).as("statuses by fault: " + byStatus).isGreaterThan(REQUESTS / 3);
            assertThat(stack.worker.stats().deadLettered()).as(stack.worker.stats().toString()).isZero();
            assertThat(stack.queue.deadLetterCount()).isZero();
        }
    }

    /** The batch is marked once and holds exactly the items (or alert reports) that were accepted. */
    private static void assertStoredOnce(IngestStack stack, String sensor, Request r, String what) throws Exception {
        assertThat(stack.count("SELECT count(*) FROM ingest_batches WHERE sensor_id = ? AND batch_id = ?", sensor,
                r.batchId())).as(what).isEqualTo(1);
        byte[] plain = r.body();
        if (r.telemetry()) {
            TelemetryBatch sent = Wire.readTelemetryBatch(plain); // the codec's reading is what was accepted
            assertThat(stack.count("SELECT count(*) FROM telemetry WHERE sensor_id = ? AND batch_id = ?", sensor,
                    r.batchId())).as(what).isEqualTo(sent.items().size());
            Map<String, List<Optional<Ssid>>> stored = storedSsids(stack, sensor, r.batchId());
            for (TelemetryItem it : sent.items()) {
                assertThat(stored.get(it.mac())).as("SSID bytes of %s in %s", it.mac(), what).contains(it.ssidValue());
            }
            if (r.expect() == Expect.ACCEPTED) {
                // and the generator's intent, independent of the codec
                for (GeneratedBodies.Item model : r.items()) {
                    assertThat(stored.get(model.mac())).as(what).contains(model.ssid());
                }
                assertThat(stack.count("SELECT coalesce(sum((frames->>'beacon')::bigint), 0) FROM telemetry "
                        + "WHERE sensor_id = ? AND batch_id = ?", sensor, r.batchId()))
                        .isEqualTo(r.items().stream().mapToLong(GeneratedBodies.Item::beacons).sum());
            }
        } else {
            AlertBatch sent = Wire.readAlertBatch(plain);
            for (AlertMessage a : sent.alerts()) {
                assertThat(stack.count("SELECT count(*) FROM alert_reports WHERE sensor_id = ? AND report_id = ?", sensor,
                        a.id())).as(what).isEqualTo(1);
                assertThat(stack.count("SELECT count FROM alert_reports WHERE sensor_id = ? AND report_id = ?", sensor,
                        a.id())).as(what).isEqualTo(a.count());
            }
        }
    }

    private static Map<String, List<Optional<Ssid>>> storedSsids(IngestStack stack, String sensor, String batch)
            throws Exception {
        Map<String, List<Optional<Ssid>>> out = new HashMap<>();
        try (Connection c = stack.db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT mac::text, ssid_bytes FROM telemetry WHERE sensor_id = ? AND batch_id = ?")) {
            ps.setString(1, sensor);
            ps.setString(2, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] b = rs.getBytes(2);
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(b == null ? Optional.empty() : Optional.of(Ssid.of(b)));
                }
            }
        }
        return out;
    }
}
