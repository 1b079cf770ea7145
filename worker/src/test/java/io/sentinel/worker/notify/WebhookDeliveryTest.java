package io.sentinel.worker.notify;

import static io.sentinel.worker.notify.NotifyFixture.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentinel.protocol.wire.AlertMessage;
import io.sentinel.protocol.wire.Wire;
import io.sentinel.store.alert.AlertLifecycle;
import io.sentinel.worker.notify.transport.WebhookTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest extends NotifyDatabaseTest {
    static final String KEY = "webhook-signing-key-0123456789";
    HttpReceiver receiver;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new HttpReceiver();
        fx.channel(Map.of("id", "hook", "kind", "webhook", "settings", Map.of("allow_http", true),
                "secrets", Map.of("url", receiver.url(), "signing_key", KEY)));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    static boolean verified(HttpReceiver.Request r) {
        long ts = Long.parseLong(r.header(WebhookTransport.TIMESTAMP_HEADER));
        String expected = WebhookTransport.signature(KEY.getBytes(StandardCharsets.UTF_8), ts, r.body());
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                r.header(WebhookTransport.SIGNATURE_HEADER).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void lifecycleOfAnAlertArrivesSignedWithOneMessageIdPerMessage() throws Exception {
        fx.rule(Map.of("id", "all", "channels", List.of("hook"), "rate_limit", Map.of("messages", 100,
                "window_seconds", 60), "match", Map.of("events", List.of("opened", "escalated", "repeated",
                "acknowledged", "resolved"))));
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        fx.ingest("s1", List.of(alert("a1", "deauth_flood", "medium", "aa:bb:cc:00:00:01", "Office", t, t.plusSeconds(5), 10)));
        fx.ingest("s1", List.of(alert("a1", "deauth_flood", "high", "aa:bb:cc:00:00:01", "Office", t, t.plusSeconds(9), 30)));
        AlertLifecycle lifecycle = new AlertLifecycle(db, java.time.Clock.systemUTC());
        AlertLifecycle.Actor ops = new AlertLifecycle.Actor("token:ops", Optional.of("127.0.0.1"), "api");
        lifecycle.acknowledge("a1", ops, Optional.of("looking"));
        lifecycle.resolve("a1", ops, Optional.empty());
        fx.drain(Duration.ofSeconds(20));

        assertThat(receiver.received).hasSize(4);
        List<String> events = receiver.received.stream().map(r -> r.header("X-Sentinel-Event")).toList();
        assertThat(events).containsExactly("opened", "escalated", "acknowledged", "resolved");
        Set<String> ids = new HashSet<>();
        for (HttpReceiver.Request r : receiver.received) {
            assertThat(verified(r)).as("signature of %s", r.text()).isTrue();
            JsonNode body = Wire.mapper().readTree(r.body());
            assertThat(body.get("message_id").asText()).isEqualTo(r.header("X-Sentinel-Message-Id"))
                    .isEqualTo(r.header("Idempotency-Key"));
            assertThat(body.get("alert").get("id").asText()).isEqualTo("a1");
            assertThat(body.get("rules").get(0).asText()).isEqualTo("all");
            ids.add(body.get("message_id").asText());
        }
        assertThat(ids).hasSize(4);
        JsonNode escalated = Wire.mapper().readTree(receiver.received.get(1).body());
        assertThat(escalated.get("detail").get("previous_severity").asText()).isEqualTo("medium");
        JsonNode acked = Wire.mapper().readTree(receiver.received.get(2).body());
        assertThat(acked.get("actor").asText()).isEqualTo("token:ops");
        assertThat(acked.get("detail").get("comment").asText()).isEqualTo("looking");

        // a body changed in transit no longer matches its signature
        HttpReceiver.Request r = receiver.received.getFirst();
        byte[] tampered = r.text().replace("\"a1\"", "\"a2\"").getBytes(StandardCharsets.UTF_8);
        assertThat(verified(new HttpReceiver.Request(r.headers(), tampered))).isFalse();
    }

    @Test
    void evidenceResumingAfterTheRulesQuietGapIsRepeatedButNotBefore() throws Exception {
        fx.rule(Map.of("id", "again", "channels", List.of("hook"), "quiet_gap_seconds", 600, "rate_limit",
                Map.of("messages", 100, "window_seconds", 60), "match", Map.of("events", List.of("repeated"))));
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        fx.ingest("s1", List.of(alert("r1", "beacon_flood", "medium", "aa:bb:cc:00:00:02", "Lab", t, t.plusSeconds(5), 10)));
        fx.ingest("s1", List.of(alert("r1", "beacon_flood", "medium", "aa:bb:cc:00:00:02", "Lab", t, t.plusSeconds(125), 20)));
        fx.drain(Duration.ofSeconds(10));
        assertThat(receiver.received).as("a 2-minute gap is below the rule's 10 minutes").isEmpty();
        fx.ingest("s1", List.of(alert("r1", "beacon_flood", "medium", "aa:bb:cc:00:00:02", "Lab", t, t.plusSeconds(1525), 30)));
        fx.drain(Duration.ofSeconds(10));
        assertThat(receiver.received).hasSize(1);
        JsonNode body = Wire.mapper().readTree(receiver.received.getFirst().body());
        assertThat(body.get("event").asText()).isEqualTo("repeated");
        assertThat(body.get("detail").get("gap_seconds").asLong()).isEqualTo(1400);
    }

    @Test
    void receiverKilledMidStreamGetsEveryMessageAfterItReturns() throws Exception {
        fx.rule(Map.of("id", "all", "channels", List.of("hook"), "rate_limit", Map.of("messages", 1000,
                "window_seconds", 600)));
        fx.ingest("s1", NotifyFixture.reports("k", "auth_flood", "high", 200, Instant.parse("2026-11-30T11:00:00Z")));
        AutoCloseable sender = fx.background();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (receiver.received.size() < 40 && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        receiver.stop();
        int beforeOutage = receiver.received.size();
        Thread.sleep(1500);
        assertThat(fx.repo.channel("hook").orElseThrow().health().lastError()).isPresent();
        assertThat(fx.repo.channel("hook").orElseThrow().health().pending()).isPositive();
        receiver.restart();
        fx.drain(Duration.ofSeconds(60));
        sender.close();

        assertThat(beforeOutage).isLessThan(200);
        Set<String> delivered = new HashSet<>();
        receiver.received.forEach(r -> delivered.add(r.header("X-Sentinel-Message-Id")));
        List<String> queued = new ArrayList<>();
        try (var c = db.connection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT message_id, state FROM notify_deliveries")) {
            while (rs.next()) {
                queued.add(rs.getString(1));
                assertThat(rs.getString(2)).isEqualTo("sent");
            }
        }
        assertThat(queued).hasSize(200);
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(queued);
        Set<String> alertIds = new HashSet<>();
        for (HttpReceiver.Request r : receiver.received) {
            alertIds.add(Wire.mapper().readTree(r.body()).get("alert").get("id").asText());
        }
        assertThat(alertIds).hasSize(200);
        assertThat(fx.repo.channel("hook").orElseThrow().health().consecutiveFailures()).isZero();
    }

    @Test
    void floodOfTenThousandAlertUpdatesBecomesAtMostTheRateLimitPlusOneDigestPerWindow() throws Exception {
        int limit = 3;
        fx.rule(Map.of("id", "flood", "name", "Flood guard", "channels", List.of("hook"),
                "rate_limit", Map.of("messages", limit, "window_seconds", 20)));
        List<AlertMessage> reports = new ArrayList<>();
        Instant t = Instant.parse("2026-11-30T12:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            reports.add(alert("f" + i, "beacon_flood", i % 10 == 0 ? "critical" : "medium",
                    String.format("02:00:00:00:%02x:%02x", i / 256, i % 256), "Fake" + i, t, t.plusSeconds(1), 3));
        }
        long t0 = System.nanoTime();
        fx.ingest("s1", reports);
        long t1 = System.nanoTime();
        assertThat(fx.count("SELECT count(*) FROM notify_events")).isEqualTo(10_000);
        while (fx.dispatcher.dispatchOnce().events() > 0) {
            fx.sender.sendOnce();
        }
        long t2 = System.nanoTime();
        fx.drain(Duration.ofSeconds(120));
        System.err.printf("flood: 10,000 reports stored with their outbox rows in %d ms, routed in %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        List<JsonNode> bodies = new ArrayList<>();
        for (HttpReceiver.Request r : receiver.received) {
            bodies.add(Wire.mapper().readTree(r.body()));
        }
        long alertMessages = bodies.stream().filter(b -> b.get("kind").asText().equals("alert")).count();
        List<JsonNode> digests = bodies.stream().filter(b -> b.get("kind").asText().equals("digest")).toList();
        long digested = digests.stream().mapToLong(d -> d.get("digest").get("count").asLong()).sum();
        assertThat(digests).isNotEmpty();
        assertThat(alertMessages + digested).as("every update is in a message or a digest count").isEqualTo(10_000);
        assertThat(bodies.size()).as("at most %d messages and one digest per window", limit)
                .isLessThanOrEqualTo((limit + 1) * digests.size() + limit);
        JsonNode d = digests.getFirst().get("digest");
        assertThat(d.get("rule_id").asText()).isEqualTo("flood");
        assertThat(d.get("by_type").get("beacon_flood").asLong()).isEqualTo(d.get("count").asLong());
        assertThat(d.get("max_severity").asText()).isEqualTo("critical");
        assertThat(d.get("samples").size()).isEqualTo(Dispatcher.DIGEST_SAMPLES);
    }

    @Test
    void twoSendersAtOnceSendEachMessageOnce() throws Exception {
        fx.rule(Map.of("id", "all", "channels", List.of("hook"), "rate_limit", Map.of("messages", 1000,
                "window_seconds", 600)));
        fx.ingest("s1", NotifyFixture.reports("p", "assoc_flood", "low", 300, Instant.parse("2026-11-30T13:00:00Z")));
        NotifyFixture other = new NotifyFixture(db, tmp.resolve("export"));
        List<Thread> threads = new ArrayList<>();
        for (NotifyFixture f : List.of(fx, other)) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    f.drain(Duration.ofSeconds(30));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread th : threads) {
            th.join();
        }
        Set<String> ids = new HashSet<>();
        receiver.received.forEach(r -> ids.add(r.header("X-Sentinel-Message-Id")));
        assertThat(receiver.received).hasSize(300);
        assertThat(ids).hasSize(300);
    }

    @Test
    void aRejectedMessageIsRetriedAndTheChannelShowsTheError() throws Exception {
        fx.rule(Map.of("id", "all", "channels", List.of("hook"), "rate_limit", Map.of("messages", 10,
                "window_seconds", 60)));
        receiver.answer(503);
        Instant t = Instant.parse("2026-11-30T14:00:00Z");
        fx.ingest("s1", List.of(alert("e1", "karma", "high", "aa:bb:cc:00:03:01", "Cafe", t, t.plusSeconds(1), 5)));
        fx.dispatcher.dispatchOnce();
        fx.sender.sendOnce();
        var health = fx.repo.channel("hook").orElseThrow().health();
        assertThat(health.lastError()).get().asString().contains("HTTP 503").doesNotContain("/hook");
        assertThat(health.pending()).isEqualTo(1);
        assertThat(health.pausedUntil()).isPresent();
        receiver.answer(200);
        fx.drain(Duration.ofSeconds(10));
        assertThat(receiver.received).hasSize(1);
        String metrics = new NotificationService(db, fx.box, fx.settings, java.time.Clock.systemUTC(), Map.of())
                .metrics();
        assertThat(metrics).contains("sentinel_notify_queue_depth{channel=\"hook\",kind=\"webhook\"} 0")
                .contains("sentinel_notify_dead{channel=\"hook\",kind=\"webhook\"} 0");
    }
}
